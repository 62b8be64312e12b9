package main

import "github.com/orderdash/orderdash/backend/cscart"

func init() { registerPlatform(cscart.Platform, cscart.New) }
