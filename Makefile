# slant: build, test, install, report.  See README.md.
# `make` builds libtext/libtext.a and bin/slant-*; `make SAN=1 ...` builds an
# AddressSanitizer + UBSan copy under build/san/ instead.

VERSION  := 0.1.0
STANCE_MODEL := models/stance-intervention.model.gz
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes
ifneq ($(CI),)
WARN     += -Werror
endif
ifneq ($(WERROR),)
WARN     += -Werror
endif
OPT      ?= -O2 -g

ifeq ($(SAN),1)
BUILD    := build/san
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDSAN    := -fsanitize=address,undefined
else
BUILD    := build/rel
LDSAN    :=
endif

BIN      := $(if $(filter 1,$(SAN)),$(BUILD)/bin,bin)
LIB      := $(if $(filter 1,$(SAN)),$(BUILD)/libtext.a,libtext/libtext.a)

CPPFLAGS += -Ilibtext -I/usr/include/libsvm -I/usr/include/libxml2 -DSLANT_VERSION='"$(VERSION)"' \
            -DSLANT_DATADIR='"$(PREFIX)/share/slant"'
CFLAGS   += $(CSTD) $(WARN) $(OPT) -pthread
LDLIBS   += -lsvm -llinear -lgsl -lgslcblas -lutf8proc -lstemmer -ljansson -lxml2 -lcld2 -lstdc++ \
            -lz -lm -pthread
# C++ only for the bridge to CLD2, whose interface is C++ (libtext/*.cc).
CXXFLAGS += -std=c++11 $(filter-out -Wstrict-prototypes,$(WARN)) $(OPT) -pthread

LIB_SRC  := $(sort $(wildcard libtext/*.c))
LIB_CXX  := $(sort $(wildcard libtext/*.cc))
LIB_OBJ  := $(patsubst libtext/%.c,$(BUILD)/libtext/%.o,$(LIB_SRC)) \
            $(patsubst libtext/%.cc,$(BUILD)/libtext/%.o,$(LIB_CXX))
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOLS    := $(patsubst tools/%.c,$(BIN)/%,$(TOOL_SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNITS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
MAN1     := $(sort $(wildcard man/man1/*.1))
MAN5     := $(sort $(wildcard man/man5/*.5))
MAN7     := $(sort $(wildcard man/man7/*.7))

# Debian packages the build needs: header -> package.
DEPS := zlib.h:zlib1g-dev gsl/gsl_rng.h:libgsl-dev libsvm/svm.h:libsvm-dev \
        linear.h:liblinear-dev utf8proc.h:libutf8proc-dev \
        libstemmer.h:libstemmer-dev jansson.h:libjansson-dev \
        cld2/public/compact_lang_det.h:libcld2-dev libxml2/libxml/HTMLparser.h:libxml2-dev
# Commands the build needs: command -> package.
BUILDCMDS := $(CXX):g++
# Commands (or files, by absolute path) the tests need: command -> package.
TESTDEPS := groff:groff-base xmllint:libxml2-utils gzip:gzip chromium:chromium parallel:parallel \
            Rscript:r-base-core /usr/lib/R/site-library/readr/DESCRIPTION:r-cran-readr \
            /usr/lib/python3/dist-packages/pandas/__init__.py:python3-pandas \
            wget:wget /usr/bin/python3:python3

.PHONY: fuzz-deps all deps test check unit cli install uninstall clean report models fuzz memcheck bench
.DELETE_ON_ERROR:

all: deps $(LIB) $(TOOLS) $(UNITS)

# Install whatever is missing (apt-get as root, sudo otherwise), or say how.
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: Makefile
	@missing=; for d in $(DEPS); do h=$${d%%:*}; p=$${d#*:}; \
	  [ -f /usr/include/$$h ] || missing="$$missing $$p"; done; \
	for d in $(BUILDCMDS) $(TESTDEPS); do c=$${d%%:*}; p=$${d#*:}; \
	  case $$c in /*) [ -e $$c ] ;; *) command -v $$c >/dev/null ;; esac || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "slant: installing missing packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "slant: missing packages; run as root: apt-get install$$missing" >&2; exit 1; fi \
	  || { echo "slant: could not install; run: sudo apt-get install$$missing" >&2; exit 1; }; \
	fi
	@mkdir -p $(@D) && touch $@

$(BUILD)/libtext/%.o: libtext/%.c $(wildcard libtext/*.h) | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libtext/%.o: libtext/%.cc $(wildcard libtext/*.h) | deps
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# One pattern rule links every tool.
$(BIN)/%: tools/%.c $(LIB) $(wildcard libtext/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDSAN) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDSAN) $(LDLIBS)

# The runner ends with "N passed, N failed" and fails if anything failed.
test: all
	@SLANT_BIN=$(abspath $(BIN)) SLANT_UNITS=$(abspath $(BUILD)/tests) sh tests/run.sh

check: test

unit: all
	@SLANT_BIN=$(abspath $(BIN)) SLANT_UNITS=$(abspath $(BUILD)/tests) sh tests/run.sh unit

cli: all
	@SLANT_BIN=$(abspath $(BIN)) SLANT_UNITS=$(abspath $(BUILD)/tests) sh tests/run.sh cli

report: all $(STANCE_MODEL)
	sh corpus/mexico/report.sh

# The shipped stance model, trained reproducibly (byte-identical) from the
# annotated seed sentences; slant-clean's line model, likewise from the
# extraction benchmark's pages in ../shared.
models: all
	sh corpus/mexico/stance-model.sh
	sh corpus/extraction/clean-model.sh
$(STANCE_MODEL): corpus/mexico/stance.tsv corpus/mexico/stance-model.sh | all
	sh corpus/mexico/stance-model.sh

# ---- fuzzing (libFuzzer; clang only, never needed by the targets above) ----
# `make fuzz FUZZ_TIME=N` builds build/fuzz/fuzz-TARGET from tests/fuzz/ and runs
# each for N seconds from its seed corpus tests/fuzz/corpus/TARGET/ (new inputs
# go to build/fuzz/corpus/TARGET/, crashes to build/fuzz/crash-TARGET-*).
FUZZ_TIME ?= 300
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined
# (clang warns about the untaken branch of text_utf8.c's table macro)
FUZZ_CFLAGS := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer -pthread $(FUZZ_SAN)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN  := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_CXX  ?= clang++
FUZZ_OBJ  := $(patsubst libtext/%.c,build/fuzz/libtext/%.o,$(LIB_SRC)) \
             $(patsubst libtext/%.cc,build/fuzz/libtext/%.o,$(LIB_CXX))
# Debian packages for the fuzz build: clang, its runtime, libFuzzer.
FUZZ_PKGS := clang libclang-rt-14-dev libfuzzer-14-dev

fuzz-deps: build/fuzz/.deps-ok
build/fuzz/.deps-ok: | deps
	@mkdir -p $(@D)
	@probe='int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}'; \
	if ! echo "$$probe" | $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c - -o $(@D)/probe 2>/dev/null; then \
	  echo "slant: installing fuzzing packages: $(FUZZ_PKGS)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FUZZ_PKGS); \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FUZZ_PKGS); \
	  else echo "slant: run as root: apt-get install $(FUZZ_PKGS)" >&2; exit 1; fi \
	  || { echo "slant: could not install; run: sudo apt-get install $(FUZZ_PKGS)" >&2; exit 1; }; \
	  echo "$$probe" | $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c - -o $(@D)/probe \
	  || { echo "slant: $(FUZZ_CC) cannot link -fsanitize=fuzzer" >&2; exit 1; }; \
	fi
	@rm -f $(@D)/probe && touch $@

build/fuzz/libtext/%.o: libtext/%.c $(wildcard libtext/*.h) | build/fuzz/.deps-ok
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libtext/%.o: libtext/%.cc $(wildcard libtext/*.h) | build/fuzz/.deps-ok
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(CPPFLAGS) -std=c++11 $(filter-out -std=c11 -Wstrict-prototypes,$(FUZZ_CFLAGS)) \
	  -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libtext.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h build/fuzz/libtext.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -DFUZZ_MODELS='"$(abspath models)"' \
	  -fsanitize=fuzzer -o $@ $< build/fuzz/libtext.a $(LDLIBS)

# The tools and unit tests compile with clang's warnings too (-Werror): the
# fuzz build only compiles libtext with it.
build/fuzz/.clang-ok: $(TOOL_SRC) $(UNIT_SRC) $(wildcard libtext/*.h tests/unit/*.h) | build/fuzz/.deps-ok
	$(FUZZ_CC) $(CPPFLAGS) $(CSTD) $(WARN) -Itests/unit -fsyntax-only $(TOOL_SRC) $(UNIT_SRC)
	@touch $@

fuzz: build/fuzz/.clang-ok $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do t=$${f#build/fuzz/fuzz-}; \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "fuzz $$t for $(FUZZ_TIME) s"; \
	  $$f -max_total_time=$(FUZZ_TIME) -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    >build/fuzz/$$t.log 2>&1 \
	  || { tail -n 60 build/fuzz/$$t.log; echo "fuzz $$t: FAILED (log build/fuzz/$$t.log)"; exit 1; }; \
	  grep -E '^(stat::number_of_executed_units|Done )' build/fuzz/$$t.log | tr '\n' ' '; echo; \
	done

# ---- valgrind over the tool tests ----
# `make memcheck` runs tests/run.sh cli with every tool behind a wrapper
# (build/memcheck/bin/) that runs it under valgrind, one log per process in
# build/memcheck/log/.  Any memory error fails (valgrind exits 99).  Leaks
# (definite, indirect) fail a run that exits 0; a run that fails on purpose
# (txt_die/txt_usage end with _exit, abandoning the heap by design, or a
# SIGPIPE) keeps its leak records in PID.log.exitN, not counted.
# SLANT_SKIP_HUGE=1 (the default here; set 0 to keep them) makes
# tests/cli/errors.sh skip its 64 MiB-line cases.
MEMCHECK_VG := valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=none --error-exitcode=99

memcheck: all
	@command -v valgrind >/dev/null || { echo "slant: installing valgrind"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; fi \
	  || { echo "slant: run: sudo apt-get install valgrind" >&2; exit 1; }; }
	@rm -rf build/memcheck && mkdir -p build/memcheck/bin build/memcheck/log
	@for t in $(abspath $(TOOLS)); do w=build/memcheck/bin/$${t##*/}; \
	  { echo '#!/bin/sh'; \
	    echo 'log=$(abspath build/memcheck/log)/$$$$.log'; \
	    echo '$(MEMCHECK_VG) --log-file="$$log" '"$$t"' "$$@"'; \
	    echo 'rc=$$?'; \
	    echo 'if [ $$rc -eq 0 ] && grep -q " lost in loss record" "$$log"; then'; \
	    echo '  echo "memcheck: leak, see $$log" >&2; exit 99; fi'; \
	    echo '[ $$rc -eq 0 ] || [ $$rc -eq 99 ] || mv "$$log" "$$log.exit$$rc"'; \
	    echo 'exit $$rc'; } >$$w; chmod +x $$w; done
	@SLANT_SKIP_HUGE=$${SLANT_SKIP_HUGE:-1} SLANT_BIN=$(abspath build/memcheck/bin) SLANT_UNITS=$(abspath $(BUILD)/tests) \
	  sh tests/run.sh cli; rc=$$?; \
	n=$$(ls build/memcheck/log | wc -l); \
	bad=$$(find build/memcheck/log -type f -name '*.log' -size +0 | sort); \
	if [ -n "$$bad" ]; then for f in $$bad; do echo "== $$f"; head -n 40 $$f; done; fi; \
	echo "memcheck: $$n tool runs under valgrind, $$(echo "$$bad" | grep -c .) with errors or leaks"; \
	[ $$rc -eq 0 ] && [ -z "$$bad" ]

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man7 \
	  $(DESTDIR)$(PREFIX)/share/slant
	install -m 755 $(TOOLS) $(DESTDIR)$(PREFIX)/bin/
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(PREFIX)/share/man/man1/)
	$(if $(MAN5),install -m 644 $(MAN5) $(DESTDIR)$(PREFIX)/share/man/man5/)
	$(if $(MAN7),install -m 644 $(MAN7) $(DESTDIR)$(PREFIX)/share/man/man7/)
	cp -R models/. $(DESTDIR)$(PREFIX)/share/slant/

uninstall:
	rm -f $(patsubst tools/%.c,$(DESTDIR)$(PREFIX)/bin/%,$(TOOL_SRC))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man7/,$(notdir $(MAN7)))
	rm -rf $(DESTDIR)$(PREFIX)/share/slant

clean:
	rm -rf build bin libtext/libtext.a report
