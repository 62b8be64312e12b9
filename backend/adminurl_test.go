package backend

import "testing"

func TestAdminLink(t *testing.T) {
	const cs = "https://shop.example/admin.php?dispatch=orders.details&order_id={id}"
	tests := []struct {
		template string
		o        Order
		want     string
	}{
		{cs, Order{ID: "1003"}, "https://shop.example/admin.php?dispatch=orders.details&order_id=1003"},
		{"https://portal.example/orders/{number}?id={id}", Order{ID: "77", Number: "CG31000741"}, "https://portal.example/orders/CG31000741?id=77"},
		{"https://portal.example/orders/{number}", Order{ID: "77"}, "https://portal.example/orders/77"},
		// What a store sends cannot reshape the link.
		{cs, Order{ID: "1&dispatch=x#y"}, "https://shop.example/admin.php?dispatch=orders.details&order_id=1%26dispatch%3Dx%23y"},
		{"https://shop.example/o/{id}", Order{ID: "../../admin/delete?all=1"}, "https://shop.example/o/..%2F..%2Fadmin%2Fdelete%3Fall%3D1"},
		{"https://shop.example/o/{id}", Order{ID: "a b\u00e9"}, "https://shop.example/o/a%20b%C3%A9"},
		{"", Order{ID: "1"}, ""},
	}
	for _, tc := range tests {
		if got := AdminLink(tc.template, tc.o); got != tc.want {
			t.Errorf("AdminLink(%q, %q) = %q, want %q", tc.template, tc.o.ID, got, tc.want)
		}
	}
}
