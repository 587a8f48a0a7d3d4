module.exports = require('./tax');
