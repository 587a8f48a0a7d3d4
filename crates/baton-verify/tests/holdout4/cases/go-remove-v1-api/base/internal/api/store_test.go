package api

type memStore []User

func (m memStore) Users() []User { return m }
