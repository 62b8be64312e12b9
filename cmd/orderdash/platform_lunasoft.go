package main

import "github.com/orderdash/orderdash/backend/lunasoft"

func init() { registerPlatform(lunasoft.Platform, lunasoft.New) }
