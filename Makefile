# profview - build, test, demo.
#
#   make            build ./profview and libprofview.a
#   make demo       install missing packages, build, render a sample
#   make test       install missing packages (the tests' too), build, run
#                   every test
#   make test SAN=1 the same under AddressSanitizer + UBSan (own build dir)
#   make fuzz       build the libFuzzer targets (clang)
#   make bench      run the benchmarks in bench/ (slow; prints figures)
#   make deps       install the Debian packages building and `make demo`
#                   need (as root); `make test-deps` adds the tests' own
#   make install    install profview, its man page and bash and zsh
#                   completions under PREFIX (/usr/local), DESTDIR for
#                   staging; `make uninstall` removes them

PKG_CONFIG ?= pkg-config
CC ?= cc
PKGS := libxml-2.0 cairo fontconfig jansson libzstd zlib libdw libelf \
	liblzma libprotobuf-c
# headers only: symbolizer/debuginfod.c loads the library when it first
# asks a server (it brings curl and some thirty libraries)
DLOPEN_PKGS := libdebuginfod
TEST_PKGS := cmocka

# Debian packages: build (and `make demo`), then what only the tests use.
DEB_BUILD := gcc make pkg-config libxml2-dev libcairo2-dev libjansson-dev \
	libzstd-dev zlib1g-dev libdw-dev libelf-dev libiberty-dev \
	libfontconfig-dev libdebuginfod-dev liblzma-dev libprotobuf-c-dev \
	protobuf-c-compiler
DEB_TEST := libcmocka-dev libxml2-utils zstd gzip binutils python3 \
	chromium nodejs
# the symbolizer's tests build programs with gcc and clang (x86-64 and
# foreign targets: AArch64, big-endian PowerPC64 and MIPS32 through lld)
# and compare with llvm-symbolizer
DEB_TEST += g++ clang clang-14 lld-14 llvm-14 gcc-aarch64-linux-gnu
# symbolize on the PyPy native log: the library its maps name
DEB_TEST += pypy3
# the generated zsh completion is parsed by zsh
DEB_TEST += zsh
# symbolizer reach: a debuginfod server over test debug files (one set
# shrunk by dwz), MiniDebugInfo made with xz and objcopy, .dwp packages
# (binutils' dwp, llvm-dwp from llvm-14)
DEB_TEST += debuginfod xz-utils dwz
# cluster/profview-dask and its tests: dask-scheduler, dask-worker
DEB_TEST += python3-distributed
# the exports, read by their owners' tools: Google's pprof (built from
# Debian's sources by the tests), callgrind_annotate
DEB_TEST += golang-go golang-github-google-pprof-dev \
	golang-github-chzyer-readline-dev \
	golang-github-ianlancetaylor-demangle-dev valgrind
# speedscope exports validated against speedscope's schema (from its npm
# package, fetched with npm like the browser tests' playwright-core)
DEB_TEST += python3-jsonschema
# npm for those two: Debian's npm package, unless an npm is already there
# (NodeSource's nodejs bundles its own and conflicts with Debian's)
DEB_TEST += $(if $(shell command -v npm),,npm)

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wvla -Wformat=2 -Wno-format-nonliteral
PV_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	-Werror -I. -MMD -MP -g -O2 -pthread
PV_LDLIBS :=
PV_LDFLAGS := -pthread

ifeq ($(SAN),1)
BUILD := build/san
SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
PV_CFLAGS += $(SANITIZERS) -O1
PV_LDFLAGS += $(SANITIZERS)
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
# fontconfig (under cairo's text) keeps its configuration until exit
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
else
BUILD := build/rel
endif

# pkg-config is asked only when a target compiles something, so `make deps`
# works before the packages exist.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -liberty -lm -ldl
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

ALL_CFLAGS = $(PV_CFLAGS) $(DEP_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(PV_LDFLAGS) $(LDFLAGS)

LIB_SRCS := $(sort $(wildcard profile/*.c reader/*.c symbolizer/*.c render/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
TEST_SUPPORT_SRCS := $(sort $(wildcard tests/support/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRCS := $(sort $(wildcard bench/*.c))

LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
SUPPORT_OBJS := $(TEST_SUPPORT_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)
BENCH_BINS := $(BENCH_SRCS:%.c=$(BUILD)/%)

LIB := $(BUILD)/libprofview.a
# the C protoc-c generates from render/profile.proto
PB_C := $(BUILD)/gen/profile.pb-c.c
PB_O := $(BUILD)/gen/profile.pb-c.o
PROG := $(BUILD)/profview

V ?= 0
Q := $(if $(filter 1,$(V)),,@)

.PHONY: all deps test-deps demo test fuzz bench clean install \
	uninstall FORCE

all: profview

# ./profview is always the release build; SAN=1 builds its own copy in
# build/san and the tests run that one.
ifeq ($(SAN),1)
profview: $(PROG)
else
profview: $(PROG)
	$(Q)cp $(PROG) profview
endif

$(LIB): $(LIB_OBJS) $(PB_O)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(PROG): $(CLI_OBJS) $(LIB)
	@echo "  LINK   $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(DEP_LIBS)

# The flame graph's script is kept as plain JavaScript and compiled in
# as a string literal.
GEN := $(BUILD)/gen
$(GEN)/flame_js.h: render/flame_svg.js
	@mkdir -p $(dir $@)
	$(Q)sh render/js2c.sh $< > $@
$(BUILD)/render/flame_svg.o: $(GEN)/flame_js.h
$(BUILD)/render/flame_svg.o: ALL_CFLAGS += -I$(GEN)

# The version: git describe at build time ("1.2.3" from tag v1.2.3, else
# 0.1.0-gHASH), 0.1.0 outside a git checkout.  The header is rewritten
# only when the text changes, so main.o is rebuilt only then.
PV_VERSION := $(shell git describe --tags --match 'v[0-9]*' --dirty \
	2>/dev/null | sed 's/^v//' | grep . || { h=$$(git rev-parse --short \
	HEAD 2>/dev/null) && echo "0.1.0-g$$h" || echo 0.1.0; })
$(GEN)/version.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define PV_VERSION "$(PV_VERSION)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(BUILD)/cli/main.o: $(GEN)/version.h
$(BUILD)/cli/main.o: ALL_CFLAGS += -I$(GEN)
FORCE:
# pprof's profile.proto, compiled by protoc-c; the generated C is built
# with the library but without the warnings it was not written for.
$(GEN)/profile.pb-c.h: $(PB_C)
$(PB_C): render/profile.proto
	@mkdir -p $(dir $@)
	$(Q)protoc-c --c_out=$(GEN) --proto_path=render $<
$(PB_O): $(PB_C)
	@echo "  CC     $<"
	$(Q)$(CC) $(filter-out -Werror -W%,$(ALL_CFLAGS)) -c -o $@ $<
$(BUILD)/render/export_pprof.o: $(GEN)/profile.pb-c.h
$(BUILD)/render/export_pprof.o: ALL_CFLAGS += -I$(GEN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC     $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@echo "  CC     $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(SUPPORT_OBJS) $(LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(SUPPORT_OBJS) $(LIB) $(DEP_LIBS) $(CMOCKA_LIBS)

# A copy of profview whose allocations can be made to fail one at a time
# (tests/failalloc/failalloc.c; tests/cli/t0914-out-of-memory.sh).
FAILALLOC := $(BUILD)/tests/failalloc/profview
FAILALLOC_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
	-Wl,--wrap=strdup,--wrap=strndup
$(FAILALLOC): $(CLI_OBJS) $(BUILD)/tests/failalloc/failalloc.o $(LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) $(FAILALLOC_WRAP) -o $@ $(CLI_OBJS) \
		$(BUILD)/tests/failalloc/failalloc.o $(LIB) $(DEP_LIBS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

# Install missing Debian packages (root: apt-get; otherwise say what to run).
deps:
	@sh tests/deps.sh $(DEB_BUILD)

test-deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

demo: deps
	$(Q)$(MAKE) --no-print-directory profview
	./profview info samples/pypy-x86_64/recursion.prof
	./profview flame samples/pypy-x86_64/recursion.prof -o demo.svg
	@echo "wrote demo.svg: open it in a browser"

test: test-deps
	$(Q)$(MAKE) --no-print-directory profview $(UNIT_BINS) $(BENCH_BINS) \
		$(FAILALLOC)
	$(Q)PROFVIEW=$(abspath $(PROG)) BUILD=$(BUILD) SAN=$(SAN) \
		sh tests/run.sh $(UNIT_BINS)

# fuzz/Makefile compiles the same library sources with clang and the
# same generated header: both come from here.
fuzz: $(GEN)/flame_js.h $(PB_C)
	$(Q)$(MAKE) --no-print-directory -C fuzz PKGS="$(PKGS)" \
		LIB_SRCS="$(LIB_SRCS)" GEN="$(abspath $(GEN))"

# Installation.  The man page and the completions are generated by the
# program from the same option tables as its --help.
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
MAN1DIR := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR := $(PREFIX)/share/zsh/site-functions
GENERATED_DOCS := $(GEN)/profview.1 $(GEN)/profview.bash $(GEN)/_profview

$(GEN)/profview.1: $(PROG)
	$(Q)$(PROG) --gen-man >$@.tmp && mv $@.tmp $@
$(GEN)/profview.bash: $(PROG)
	$(Q)$(PROG) --gen-completion bash >$@.tmp && mv $@.tmp $@
$(GEN)/_profview: $(PROG)
	$(Q)$(PROG) --gen-completion zsh >$@.tmp && mv $@.tmp $@

install: $(PROG) $(GENERATED_DOCS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/profview
	install -m 644 $(GEN)/profview.1 $(DESTDIR)$(MAN1DIR)/profview.1
	install -m 644 $(GEN)/profview.bash $(DESTDIR)$(BASHCOMPDIR)/profview
	install -m 644 $(GEN)/_profview $(DESTDIR)$(ZSHCOMPDIR)/_profview

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/profview $(DESTDIR)$(MAN1DIR)/profview.1 \
		$(DESTDIR)$(BASHCOMPDIR)/profview \
		$(DESTDIR)$(ZSHCOMPDIR)/_profview

bench: all $(BENCH_BINS)
	$(Q)BUILD=$(BUILD) sh bench/run.sh

clean:
	rm -rf build profview

# the test and benchmark objects are kept, not deleted as intermediates
# of their programs, so `make test` does not compile them again
.SECONDARY: $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(BENCH_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/tests/failalloc/failalloc.o

-include $(shell find build -name '*.d' 2>/dev/null)
