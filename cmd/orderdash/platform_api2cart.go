package main

import "github.com/orderdash/orderdash/backend/api2cart"

func init() { registerPlatform(api2cart.Platform, api2cart.New) }
