package signup

import (
	"encoding/json"
	"os"
)

// Config is the operator's configuration.
type Config struct {
	MinPassword int `json:"min_password"`
}

// LoadConfig reads the config file named by SIGNUP_CONFIG, if set.
func LoadConfig() (Config, error) {
	cfg := Config{MinPassword: 8}
	path := os.Getenv("SIGNUP_CONFIG")
	if path == "" {
		return cfg, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	err = json.Unmarshal(data, &cfg)
	return cfg, err
}
