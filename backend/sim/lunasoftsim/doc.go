// Package lunasoftsim is a simulated Lunasoft site API shopping cart as
// described by seed 002 and docs/platform-apis.md §3 and §6: a fixed
// Authorization value, GET /site_api/shopping_cart/orders (50 a page,
// next_page or false), GET …/orders/{id} with the status history newest
// first, and POST …/orders/{id} that appends a status entry every time.
package lunasoftsim
