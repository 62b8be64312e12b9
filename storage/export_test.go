package storage

// LateRare is lateRare for the contract suite (storagetest.Features).
var LateRare = &lateRare
