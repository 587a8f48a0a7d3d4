'use strict';

const axios = require('axios');

/** The display name of a user, fetched from the accounts API. */
async function displayName(id) {
  const { data } = await axios.get(`/api/users/${id}`);
  return data.nickname || `${data.first} ${data.last}`;
}

module.exports = { displayName };
