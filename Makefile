# Heard: `make run` serves on http://127.0.0.1:8080; `make test` runs
# everything.  Both install what is missing through `make deps` first.

PORT	?= 8080
CC	?= cc
WARN	 = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	   -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
	   -Wformat=2 -Wno-format-nonliteral
HARDEN	 = -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE \
	   -fstack-clash-protection
LDHARDEN = -pie -Wl,-z,relro,-z,now
SAN	 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=all
LIBS	 = -lfcgi -lsqlite3 -lsodium -ljansson -lcurl -lqrencode -ljpeg -lpng -lz

# Floor 1 and 2 modules, shared by the server, the CLI and the tests.
CORE	 = buf vocab log cal contact http tmpl db crypto conf csv qr notify \
	   forms lang flag consult report session timetable outreach week keycheck gate \
	   speak replica img passport asking
PAGES	 = page page_public page_admin page_signin page_reviews page_actions \
	   page_answers page_staff page_report page_audit page_chase page_sending \
	   page_letters page_week page_passport page_flags page_langs router
SERVER	 = $(CORE) scribe $(PAGES) main
CTL	 = $(CORE) heardctl ctl_time ctl_send ctl_week ctl_export ctl_restore ctl_replica ctl_flag ctl_lang
HDRS	 = $(wildcard cgi/*.h)

all: build/heard-fcgi build/heardctl build/audio/clips.tsv

# Read aloud (README "Read aloud"): build/formtexts prints every text the
# forms speak; tools/clips.py makes a clip of each not already made (or
# takes a recording from RECORDED) and lists them in build/audio/clips.tsv.
RECORDED ?= recorded
build/obj/formtexts.o: tools/formtexts.c $(HDRS)
	@mkdir -p build/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(HARDEN) -Icgi -c $< -o $@
build/formtexts: build/obj/formtexts.o $(CORE:%=build/obj/%.o) build/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(LDHARDEN) -o $@ $^ $(LIBS)
build/audio/clips.tsv: build/formtexts tools/clips.py $(wildcard templates/forms/*.form templates/lang/*.txt) \
    $(wildcard $(RECORDED) $(RECORDED)/*/*)
	@python3 tools/clips.py build/formtexts build/audio $(RECORDED)

build/migrations.c: db/schema.sql $(wildcard db/migrations/*.sql) tools/embed-sql.sh
	@mkdir -p build
	@sh tools/embed-sql.sh $@

# Release objects in build/obj, sanitizer objects in build/asan/obj.
build/obj/%.o: cgi/%.c $(HDRS)
	@mkdir -p build/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(HARDEN) $(CFLAGS) -c $< -o $@
build/obj/migrations.o: build/migrations.c
	@echo "  CC $@"
	@$(CC) $(WARN) $(HARDEN) -c $< -o $@
build/asan/obj/%.o: cgi/%.c $(HDRS)
	@mkdir -p build/asan/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(SAN) $(CFLAGS) -c $< -o $@
build/asan/obj/migrations.o: build/migrations.c
	@mkdir -p build/asan/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(SAN) -c $< -o $@
build/obj/test_%.o: tests/unit/test_%.c $(HDRS) tests/unit/check.h
	@mkdir -p build/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(HARDEN) -Icgi -c $< -o $@
build/asan/obj/test_%.o: tests/unit/test_%.c $(HDRS) tests/unit/check.h
	@mkdir -p build/asan/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(SAN) -Icgi -c $< -o $@

build/heard-fcgi: $(SERVER:%=build/obj/%.o) build/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(LDHARDEN) -o $@ $^ $(LIBS)
build/heardctl: $(CTL:%=build/obj/%.o) build/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(LDHARDEN) -o $@ $^ $(LIBS)
build/asan/heard-fcgi: $(SERVER:%=build/asan/obj/%.o) build/asan/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
build/asan/heardctl: $(CTL:%=build/asan/obj/%.o) build/asan/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

UNIT	 = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
build/unit: $(UNIT:%=build/obj/%.o) $(CORE:%=build/obj/%.o) build/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(LDHARDEN) -o $@ $^ $(LIBS)
build/asan/unit: $(UNIT:%=build/asan/obj/%.o) $(CORE:%=build/asan/obj/%.o) build/asan/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

# The e2e tests' driver of notify.c against the Notify double.
build/obj/notify_probe.o: tests/notify_probe.c $(HDRS)
	@mkdir -p build/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(HARDEN) -Icgi -c $< -o $@
build/asan/obj/notify_probe.o: tests/notify_probe.c $(HDRS)
	@mkdir -p build/asan/obj
	@echo "  CC $@"
	@$(CC) $(WARN) $(SAN) -Icgi -c $< -o $@
build/notify-probe: build/obj/notify_probe.o $(CORE:%=build/obj/%.o) build/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(LDHARDEN) -o $@ $^ $(LIBS)
build/asan/notify-probe: build/asan/obj/notify_probe.o $(CORE:%=build/asan/obj/%.o) build/asan/obj/migrations.o
	@echo "  CC $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
test: build/notify-probe build/asan/notify-probe

# Fuzz targets (clang, libFuzzer).  `make test` replays the committed
# corpus; `make fuzz` runs each target for FUZZ_SECONDS.
FUZZ	 = urlencoded cookies codes form tmpl csv contact multipart week img
FUZZ_SECONDS ?= 60
FUZZCC	 = clang -std=c17 -D_GNU_SOURCE -g -O1 -Icgi \
	   -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE:%=cgi/%.c) build/migrations.c $(HDRS)
	@mkdir -p build/fuzz
	@echo "  FUZZ $@"
	@$(FUZZCC) -o $@ $< $(CORE:%=cgi/%.c) build/migrations.c $(LIBS)

fuzz-build: $(FUZZ:%=build/fuzz/fuzz_%)

fuzz: fuzz-build
	@for t in $(FUZZ); do \
		mkdir -p build/fuzz/corpus-$$t; \
		echo "== fuzz $$t for $(FUZZ_SECONDS)s"; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
		    -artifact_prefix=build/fuzz/$$t- \
		    build/fuzz/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

deps:
	@sh tools/deps.sh

# Serve on 127.0.0.1:$(PORT) with nginx in front, until Ctrl-C.
run: deps all
	@sh tools/run.sh $(PORT)

test: deps all build/unit build/asan/heard-fcgi build/asan/heardctl build/asan/unit fuzz-build
	@sh tests/run.sh

# Speed against the FastCGI limit: see README "Performance".
bench: deps all
	@CORE_OBJS="$(CORE:%=build/obj/%.o) build/obj/migrations.o" LIBS="$(LIBS)" sh bench/run.sh

# Only the many-councils part of the bench (bench/councils.sh).
bench-councils: deps all
	@sh bench/councils.sh

# Break each security and reliability property on purpose and check its
# test fails (README "Security and reliability"); about two minutes.
mutants: deps
	@python3 tests/mutants.py "$(MUTANT)"

clean:
	rm -rf build

.PHONY: all deps run test fuzz fuzz-build bench bench-councils mutants clean
