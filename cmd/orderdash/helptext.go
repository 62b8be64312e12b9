package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// commandHelp is what `help COMMAND` adds to a command's synopsis and
// flags: one example a new operator can copy, and what its exit statuses
// mean. It lives apart from the commands so their files stay about what
// they do; TestCommandHelp checks that every command has an entry.
var commandHelp = map[string]struct{ example, exits string }{
	"": {
		example: "orderdash --demo",
		exits:   "0 quit, 1 could not start (one line on stderr), 2 usage error",
	},
	"check": {
		example: "orderdash check --store \"Marketplace EU\"",
		exits:   "0 the config is valid and every store (and the team database) answered, 1 a problem in the config (one line each, FILE:LINE) or a store that failed, 2 usage error",
	},
	"db": {
		example: "orderdash db migrate",
		exits:   "0 the schema is up to date, 1 failed (one line on stderr), 2 usage error",
	},
	"help": {
		example: "orderdash help set-status",
		exits:   "0 help printed, 2 unknown command",
	},
	"info": {
		example: "orderdash info",
		exits:   "0 printed, 1 the config file has problems (listed after everything else), 2 usage error",
	},
	"journal": {
		example: "orderdash journal --store \"Marketplace EU\" --limit 20",
		exits:   "0 done, 1 failed or refused (one line on stderr), 2 usage error",
	},
	"list": {
		example: "orderdash list --store \"Marketplace EU\" --status pending,processing",
		exits:   "0 a page printed (stdout holds only the table or JSON; where the page stands goes to stderr), 1 failed, 2 usage error",
	},
	"receive": {
		example: "orderdash receive --store \"Kornit X\" --listen 127.0.0.1:8645",
		exits:   "0 stopped by Ctrl-C or SIGTERM, 1 could not start (one line on stderr), 2 usage error",
	},
	"search": {
		example: "orderdash search maria rossi",
		exits:   "0 done, matches or none, 1 failed or a query too long to match, 2 usage error",
	},
	"set-status": {
		example: "orderdash set-status 1003 Shipped --notify --tracking 1Z999AA10123456784",
		exits:   "0 the store confirmed the change, 1 refused or failed (the line says whether it may have been applied), 2 usage error",
	},
	"show": {
		example: "orderdash show 1003 --json",
		exits:   "0 found, 1 no such order, one in several stores (listed), or failed, 2 usage error",
	},
	"statuses": {
		example: "orderdash statuses --store \"Marketplace EU\"",
		exits:   "0 printed, 1 failed, 2 usage error",
	},
	"sync": {
		example: "orderdash sync --store \"Marketplace EU\"",
		exits:   "0 every store synced, 1 a store failed (one line each on stderr; what was read is kept), 2 usage error",
	},
}

// helpWidth is the width help is wrapped at: $COLUMNS (the shell's idea of
// the terminal), else 80, the width of a terminal nobody resized.
func helpWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	return 80
}

// printUsage writes the usage of c, or of the whole program when c is nil
// or the dashboard.
func printUsage(w io.Writer, c *command) {
	width := helpWidth()
	if c != nil && c.name != "" {
		printCommandHelp(w, c, width)
		return
	}
	fmt.Fprint(w, wrap("usage: "+dashboardCommand.synopsis(), width, "       "))
	fmt.Fprint(w, wrap("       orderdash COMMAND [flags]", width, "           "))
	fmt.Fprintln(w)
	fmt.Fprint(w, wrap(dashboardCommand.summary, width, ""))
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprint(w, wrap("  "+c.synopsis(), width, "      "))
		fmt.Fprint(w, wrap("      "+c.summary, width, "      "))
	}
	fmt.Fprintln(w)
	printFlags(w, "flags (the dashboard):", commandFlags(dashboardCommand), width)
	printFlags(w, "global flags, before or after the command:", globalFlags(), width)
	fmt.Fprint(w, wrap("`orderdash help COMMAND` shows a command's flags, an example and its exit statuses. Exit status: "+commandHelp[""].exits+".", width, ""))
}

func printCommandHelp(w io.Writer, c *command, width int) {
	fmt.Fprint(w, wrap("usage: "+c.synopsis(), width, "         "))
	fmt.Fprintln(w)
	fmt.Fprint(w, wrap(c.summary, width, ""))
	fmt.Fprintln(w)
	printFlags(w, "flags:", commandFlags(c), width)
	printFlags(w, "global flags, before or after the command:", globalFlags(), width)
	h := commandHelp[c.name]
	if h.example != "" {
		fmt.Fprintln(w, "example:")
		fmt.Fprint(w, wrap("  "+h.example, width, "    "))
		fmt.Fprintln(w)
	}
	if h.exits != "" {
		fmt.Fprint(w, wrap("exit status: "+h.exits+".", width, "  "))
	}
}

// commandFlags is the FlagSet of c's own flags, without the global ones.
func commandFlags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(fs)
	return fs
}

func globalFlags() *flag.FlagSet {
	fs := flag.NewFlagSet("orderdash", flag.ContinueOnError)
	(&globals{}).register(fs)
	return fs
}

// printFlags lists fs's flags as "  --name ARG  what it does", the
// descriptions wrapped in a column of their own; nothing when fs has none.
func printFlags(w io.Writer, title string, fs *flag.FlagSet, width int) {
	type row struct{ flag, usage string }
	var rows []row
	col := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if arg != "" {
			name += " " + arg
		}
		rows = append(rows, row{name, usage})
		col = max(col, utf8.RuneCountInString(name))
	})
	if len(rows) == 0 {
		return
	}
	col = min(col, 20) + 4 // two spaces before, two after
	pad := strings.Repeat(" ", col)
	fmt.Fprintln(w, title)
	for _, r := range rows {
		head := "  " + r.flag
		if n := utf8.RuneCountInString(head); n+2 <= col {
			// wrap keeps the pad's spaces; the flag takes their place.
			text := wrap(pad+r.usage, width, pad)
			fmt.Fprint(w, head+strings.Repeat(" ", col-n)+text[len(pad):])
			continue
		}
		fmt.Fprintln(w, head)
		fmt.Fprint(w, wrap(pad+r.usage, width, pad))
	}
	fmt.Fprintln(w)
}

// words splits text at spaces outside brackets and quotes, so a wrapped
// synopsis keeps "[--order ORDER]" and an example's "Marketplace EU"
// whole.
func words(text string) []string {
	var out []string
	depth, quoted, start := 0, false, -1
	for i, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '[' && !quoted:
			depth++
		case r == ']' && !quoted && depth > 0:
			depth--
		}
		if r == ' ' && depth == 0 && !quoted {
			if start >= 0 {
				out = append(out, text[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// wrap breaks text into lines of at most width columns at words, each
// line after the first starting with indent; a word longer than a line is
// left whole. The result ends with a newline.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	// Keep the text's own leading spaces (the first line's indent).
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	line, n := lead, utf8.RuneCountInString(lead)
	empty := true
	for _, word := range words(text) {
		wn := utf8.RuneCountInString(word)
		if !empty && n+1+wn > width {
			b.WriteString(line + "\n")
			line, n, empty = indent, utf8.RuneCountInString(indent), true
		}
		if !empty {
			line += " "
			n++
		}
		line += word
		n += wn
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}
