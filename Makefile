# tidtam: monitoring-and-evaluation report pipeline for Thai education offices.
# Plain make.  `make demo` and `make test` install missing Debian packages first.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
DATADIR  ?= $(PREFIX)/share/tidtam
MANDIR   ?= $(PREFIX)/share/man
UNITDIR  ?= $(PREFIX)/lib/systemd/system
DESTDIR  ?=

CC         ?= cc
AR         ?= ar
PKG_CONFIG ?= pkg-config
PKGS        = sqlite3 libxml-2.0 libthai nettle libzip xlsxwriter zlib

WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes \
           -Wstrict-prototypes -Wvla
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MD $(WARN) \
             -Iinclude -I$(B) $(PKG_CFLAGS) -DTT_VERSION='"$(VERSION)"' $(CFLAGS)
LIBS       = $(PKG_LIBS) -lhpdf -lcsv -lm

# Debian packages the build, the demo and the tests need (groff-base:
# groff, which sets each program's --help from its manual page).
DEB_BUILD = gcc make pkg-config libsqlite3-dev libxml2-dev libthai-dev nettle-dev libzip-dev \
            libxlsxwriter-dev \
            libhpdf-dev libcsv-dev zlib1g-dev fonts-tlwg-laksaman-ttf groff-base
# DEB_TEST: every command the tests call that no essential package gives:
# pdftotext and pdfinfo, qpdf, sqlite3, xmllint, gawk, python3, unzip, man,
# chromium (the index pages loaded in a real browser, headless), strace
# (which files ingest opens, when input/ holds links leading out of it), GNU
# time (peak memory of a program) and valgrind (leaks on the readers' error
# paths).
DEB_TEST  = poppler-utils qpdf sqlite3 libxml2-utils gawk python3 unzip man-db chromium strace \
            time valgrind

B = build
LIB_SRC  = $(wildcard src/lib/*.c)
LIB_OBJ  = $(LIB_SRC:src/lib/%.c=$(B)/lib/%.o)
STAGES   = ingest validate aggregate render forms approve check status export
CMD_OBJ  = $(STAGES:%=$(B)/cmd/%.o)
COMMON   = $(B)/cmd/common.o
PROGS    = $(STAGES:%=tidtam-%) tidtam
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tests/%)
MAN1     = $(wildcard man/*.1)
MAN5     = $(wildcard man/*.5)
HELP_H   = $(MAN1:man/%.1=$(B)/help/%.h)

.PHONY: all demo test unit e2e clean install deps deps-test sanitize valgrind bench fuzz fuzz-bin crash

all: $(PROGS)

# What the reports' hashes take as the program's version: the commit built
# from, and a digest of local changes to it, so a new build makes reports again.
# Rewritten only when it changes, so that it rebuilds only what includes it.
BUILD_ID := $(shell git describe --always --dirty 2>/dev/null || echo $(VERSION))$(shell \
	git diff HEAD -- src include 2>/dev/null | cksum | cut -d' ' -f1 | sed 's/^/-/')
$(B)/build-id.h: FORCE
	@mkdir -p $(B)
	@echo '#define TT_BUILD "$(VERSION) $(BUILD_ID)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(B)/lib/report.o $(B)/lib/receipt.o $(B)/lib/outindex.o: $(B)/build-id.h

# The data folder named at build time: where an installed program looks for
# its templates when share/tidtam is not beside its bin/ (src/cmd/common.c).
$(B)/datadir.h: FORCE
	@mkdir -p $(B)
	@echo '#define TT_DATADIR "$(DATADIR)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(COMMON): $(B)/datadir.h
.PHONY: FORCE
FORCE:

$(B)/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -c -o $@ $<

# A program's --help is the SYNOPSIS and OPTIONS of its manual page,
# man/<program>.1, as groff sets them (build/help/<program>.h, included by
# src/cmd/<stage>.c).  The help of every page is made before any program is
# compiled; after that, the compiler's .d files say which page each needs.
$(B)/help/%.h: man/%.1 tools/man2help.sh
	@mkdir -p $(@D)
	@echo "  HELP $@"; sh tools/man2help.sh $< >$@.tmp && mv $@.tmp $@
.SECONDARY: $(HELP_H) $(STAGES:%=$(B)/cmd/%-main.o)

# Each stage's cmd_<stage>() goes into the driver; the stand-alone program
# gets the same file compiled with its own main().
$(B)/cmd/%.o: src/cmd/%.c | $(HELP_H)
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -Isrc/cmd -c -o $@ $<

$(B)/cmd/%-main.o: src/cmd/%.c | $(HELP_H)
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -Isrc/cmd -DTT_STANDALONE -c -o $@ $<

# The library and the programs are made under a temporary name and renamed
# into place, so that a program running while make links it again (a
# `make install` with another PREFIX relinks them) never meets half a file.
libtidtam.a: $(LIB_OBJ)
	@echo "  AR $@"; rm -f $@.tmp && $(AR) rcs $@.tmp $^ && mv -f $@.tmp $@

tidtam-%: $(B)/cmd/%-main.o $(COMMON) libtidtam.a
	@echo "  LD $@"; $(CC) $(ALL_CFLAGS) -o $@.tmp $^ $(LIBS) $(LDFLAGS) && mv -f $@.tmp $@

tidtam: $(B)/cmd/tidtam.o $(CMD_OBJ) $(COMMON) libtidtam.a
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -o $@.tmp $^ $(LIBS) $(LDFLAGS) && mv -f $@.tmp $@

$(B)/tests/%: tests/tools/%.c libtidtam.a
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -o $@ $< libtidtam.a $(LIBS) $(LDFLAGS)

$(B)/tests/test-%: tests/unit/test-%.c libtidtam.a tests/unit/test.h
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< libtidtam.a $(LIBS) $(LDFLAGS)

# The floor of a PDF: libharu alone drawing pages like a report's
# (tools/bare-pdf.c), timed by `make bench` beside render.
$(B)/tools/bare-pdf: tools/bare-pdf.c
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -o $@ $< -lhpdf -lm $(LDFLAGS)

# Fuzzing (fuzz/): a libFuzzer target per reader, fuzz/fuzz-<target>.c.
# `make test` replays fuzz/corpus/<target> and fuzz/regress/<target> with
# $(B)/tests/fuzz-<target>, each target linked with fuzz/driver.c by the
# normal compiler (tests/e2e/t0120); `make fuzz` builds them with clang and
# libFuzzer under AddressSanitizer and UBSan in build-fuzz/ (FUZZ_B) and
# runs each for FUZZ_SECONDS (fuzz/run.sh; FUZZ_TARGETS=expr for one).
# DEB_FUZZ: clang, which brings libFuzzer (in its compiler runtime, a
# package it recommends).
FUZZ_TARGETS = csv xlsx xmlform framework profile units template expr period encoding
FUZZ_REPLAY  = $(FUZZ_TARGETS:%=$(B)/tests/fuzz-%)
FUZZ_BIN     = $(FUZZ_TARGETS:%=$(B)/fuzz/bin/%)
FUZZ_SECONDS ?= 60
DEB_FUZZ     = clang
# clang warns of positional initialisers that leave trailing members to 0
# (receipt.c's tables), which gcc does not
FUZZ_CFLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=undefined -Wno-missing-field-initializers
FUZZ_DEFS    = -Ifuzz -DFUZZ_SCHEMA_DIR='"$(CURDIR)/templates/schema"'

$(B)/fuzz/%.o: fuzz/%.c fuzz/fuzz.h
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -c -o $@ $<

# the targets' shared checks are not what is fuzzed: no coverage of them
# to steer libFuzzer (FUZZ_PLAIN is set by `make fuzz` only)
$(B)/fuzz/fuzz.o: fuzz/fuzz.c fuzz/fuzz.h
	@mkdir -p $(@D)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) $(FUZZ_PLAIN) -c -o $@ $<

$(B)/tests/fuzz-%: $(B)/fuzz/fuzz-%.o $(B)/fuzz/fuzz.o $(B)/fuzz/driver.o libtidtam.a
	@mkdir -p $(@D)
	@echo "  LD $@"; $(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/fuzz/libtidtam.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  AR $@"; rm -f $@ && $(AR) rcs $@ $^

$(B)/fuzz/bin/%: $(B)/fuzz/fuzz-%.o $(B)/fuzz/fuzz.o $(B)/fuzz/libtidtam.a
	@mkdir -p $(@D)
	@echo "  LD $@"; $(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS) $(LDFLAGS)

fuzz-bin: $(FUZZ_BIN)
.SECONDARY: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz-%.o) $(B)/fuzz/fuzz.o $(B)/fuzz/driver.o

FUZZ_B ?= build-fuzz
fuzz: deps
	$(call apt_install,$(DEB_FUZZ))
	$(MAKE) B=$(FUZZ_B) CC=clang CFLAGS='$(FUZZ_CFLAGS)' \
	  FUZZ_PLAIN=-fno-sanitize=fuzzer-no-link fuzz-bin
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh $(FUZZ_B) $(FUZZ_TARGETS)

# Install the Debian packages that are missing (root only; others are told).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing (run as root or: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call apt_install,$(DEB_BUILD))

deps-test: deps
	$(call apt_install,$(DEB_TEST))

demo: deps
	$(MAKE) all
	@# exit 1 means some demo files were rejected, as they are meant to be
	./tidtam run --input input --output output --settle 0; test $$? -le 1
	@echo "annual report: output/reports/2567/3101/annual-2567.pdf"


test: deps-test
	$(MAKE) all $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_REPLAY)
	@TIDTAM_TEST_TOOLS=$(CURDIR)/$(B)/tests tests/run.sh $(UNIT_BIN)

# The same tests with every program under valgrind (long: an hour or more;
# TESTS='tests/e2e/t00[01]*.sh' runs some of them).
valgrind: deps-test
	$(call apt_install,valgrind)
	$(MAKE) all $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_REPLAY)
	@TIDTAM_VALGRIND=1 TIDTAM_TEST_TOOLS=$(CURDIR)/$(B)/tests tests/run.sh $(UNIT_BIN)

# The same tests under AddressSanitizer and UBSan, in a separate tree.
sanitize: deps-test
	$(MAKE) B=build-asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer' \
	  LDFLAGS='-fsanitize=address,undefined' clean-progs all
	$(MAKE) B=build-asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer' \
	  LDFLAGS='-fsanitize=address,undefined' test
	@# the programs in the tree are the sanitizer's now: the next make relinks
	$(MAKE) clean-progs

# SQLite's crash test over every durable step of a run of each input
# (tests/tools/crash-sweep.sh): killed there, run again, compared with a
# run never stopped.  Thousands of runs: hours.  CRASH_POINTS=every:10 (or
# "render:all", …) tries fewer, CRASH_MODE=stop takes half the time.
# Then CRASH_TRIALS (default 30) kill -9 at random times during render and
# during receipts on each office (t0152, t0153; make test kills a few).
CRASH_INPUTS ?= input tests/data/office2/input
CRASH_TRIALS ?= 30
crash: deps-test all
	@for i in $(CRASH_INPUTS); do sh tests/tools/crash-sweep.sh $$i $(CRASH_POINTS) || exit 1; done
	@CRASH_TRIALS=$(CRASH_TRIALS) TESTS='tests/e2e/t0152-*.sh tests/e2e/t0153-*.sh' tests/run.sh

# Ingest a 200 MB CSV and a 50 MB XLSX: time and peak memory beside a
# baseline (sha256sum of the same file), never asserted.
# BENCH=files|office|national (default all three), and the BENCH_* of
# tools/bench.sh; README says what each measures.
bench: deps-test all $(B)/tools/bare-pdf
	$(call apt_install,time)
	tools/bench.sh $(BENCH)

clean-progs:
	rm -f $(PROGS) libtidtam.a

# Programs in BINDIR, and everything under templates/ (schemas, report
# templates and the logo, a fiscal year's own templates) in DATADIR; the
# systemd service and timer of the nightly run in UNITDIR, the service's
# ExecStart naming the tidtam installed in BINDIR.  The
# programs find DATADIR as share/tidtam beside their bin/, so the installed
# tree may be moved (DESTDIR, PREFIX) and still works.  The manual pages go
# to MANDIR/man1 and man5.
DATA_FILES = $(shell find templates -type f ! -name '.*' 2>/dev/null)

install: deps
	$(MAKE) all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR)/tidtam
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 libtidtam.a $(DESTDIR)$(LIBDIR)
	install -m 644 include/tidtam/*.h $(DESTDIR)$(INCDIR)/tidtam
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	@for f in $(DATA_FILES:templates/%=%); do \
	  install -D -m 644 templates/$$f $(DESTDIR)$(DATADIR)/$$f || exit 1; \
	done
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' contrib/systemd/tidtam.service.in > $(DESTDIR)$(UNITDIR)/tidtam.service
	chmod 644 $(DESTDIR)$(UNITDIR)/tidtam.service
	install -m 644 contrib/systemd/tidtam.timer $(DESTDIR)$(UNITDIR)

clean:
	rm -rf $(B) build-asan build-fuzz $(PROGS) libtidtam.a

-include $(wildcard $(B)/*/*.d $(B)/*/*/*.d)
