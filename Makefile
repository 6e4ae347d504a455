# Makefile for program_invitations, built with PGXS.
#
#   make demo     the main job: a throwaway cluster with sample data
#   make test     every test (pg_regress, pgTAP, isolation)
#   make bench    the benchmark against plain SQL and a PL/pgSQL peer
#
# Both install what they need from Debian's packages first.  The plain PGXS
# targets (all, install, installcheck) need PostgreSQL 15's server headers.

EXTENSION = program_invitations
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" \
	$(EXTENSION).control)

MODULE_big = program_invitations
OBJS = \
	src/program_invitations.o \
	src/caller.o \
	src/role_cache.o \
	src/unicode_text.o \
	src/validate.o \
	src/query.o \
	src/invitations.o \
	src/listing.o \
	src/cursor.o \
	src/base64url.o \
	src/api_keys.o \
	src/admin.o \
	src/envelope.o

DATA = $(wildcard extension/$(EXTENSION)--*.sql)

# pg_regress files run in name order; the first one creates the extension.
REGRESS = $(basename $(notdir $(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --encoding=UTF8

ISOLATION = $(basename $(notdir $(sort $(wildcard test/isolation/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=test/isolation

# Unicode character classes and case folding come from ICU, which Debian's
# PostgreSQL links already.
SHLIB_LINK += -licuuc
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter \
	-Wno-missing-field-initializers

EXTRA_CLEAN = results regression.diffs regression.out \
	test/isolation/results test/isolation/output_iso

# Build against PostgreSQL 15 when it is installed, whatever else is.
PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) \
	pg_config)
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))

.DEFAULT_GOAL := all

ifneq ($(PGXS),)
include $(PGXS)

# PGXS tracks no header dependencies: rebuild every object when any of the
# project's headers changes, so no object keeps an old struct layout.
$(OBJS): $(wildcard src/*.h)
else
all install installcheck:
	@echo "PostgreSQL 15 server headers are missing:" \
	      "run 'make test' or 'make demo', which install them." >&2
	@exit 1
endif

.PHONY: demo test bench

demo:
	@tools/demo.sh

test:
	@tools/test.sh

bench:
	@tools/bench.sh
