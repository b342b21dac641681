/*
 * Unit tests for crypto.c: paper codes (check character, typing
 * mistakes), tokens, sealing (tamper, swap, wrong version), key files.
 */
#include <sys/stat.h>
#include <ctype.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "crypto.h"

static const char *alpha = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A key file for the tests, created once. */
static void
init_key(void)
{
	static int	 done;
	char		 path[] = "/tmp/heard-unit-keyXXXXXX", err[256];
	int		 fd;

	if (done)
		return;
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	CHECK(cr_keyfile_create(path, err, sizeof(err)) == 0);
	CHECK(cr_init(path, err, sizeof(err)) == 0);
	unlink(path);
	done = 1;
}

void
test_crypto_codes(void)
{
	char	 code[CR_CODE_LEN + 1], raw[CR_CODE_RAW + 1], typed[32];
	char	 swap[CR_CODE_RAW + 1], c;
	size_t	 i, k;
	int	 n, caught = 0, tries = 0;

	init_key();
	for (n = 0; n < 200; n++) {
		cr_code_new(code);
		CHECK(strlen(code) == CR_CODE_LEN);
		CHECK(code[4] == '-' && code[9] == '-');
		CHECK(cr_code_read(code, raw) == CR_CODE_OK);
		/* Lower case, spaces, O for 0 and I/L for 1 all read. */
		for (i = k = 0; code[i] != '\0'; i++) {
			c = code[i];
			if (c == '-') {
				typed[k++] = ' ';
				continue;
			}
			typed[k++] = c == '0' ? 'o' : c == '1' ? 'l' :
			    (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		typed[k] = '\0';
		CHECK(cr_code_read(typed, swap) == CR_CODE_OK);
		CHECK_STR(swap, raw);
		/* Every single substitution is caught as a typo. */
		for (i = 0; i < CR_CODE_RAW; i++) {
			memcpy(swap, raw, sizeof(raw));
			swap[i] = alpha[(strchr(alpha, raw[i]) - alpha + 1 +
			    n % 31) % 32];
			tries++;
			caught += cr_code_read(swap, typed) == CR_CODE_TYPO;
		}
		/* Swapping neighbours that differ is caught too. */
		for (i = 0; i + 1 < CR_CODE_RAW; i++) {
			if (raw[i] == raw[i + 1])
				continue;
			memcpy(swap, raw, sizeof(raw));
			swap[i] = raw[i + 1];
			swap[i + 1] = raw[i];
			tries++;
			caught += cr_code_read(swap, typed) == CR_CODE_TYPO;
		}
	}
	/* Luhn mod 32 misses only swaps of one pair of characters. */
	CHECK(caught >= tries - tries / 50);
	fprintf(stderr, "codes: %d of %d typing mistakes caught\n", caught,
	    tries);
	CHECK(cr_code_read("", raw) == CR_CODE_SHAPE);
	CHECK(cr_code_read("ABCD-EFGH-JK", raw) == CR_CODE_SHAPE);
	CHECK(cr_code_read("ABCD-EFGH-JKMNP", raw) == CR_CODE_SHAPE);
	CHECK(cr_code_read("ABCD-EFGH-JKU1", raw) == CR_CODE_SHAPE);
	CHECK(cr_code_read("ABCD-EFGH-JK\xc3\xa9", raw) == CR_CODE_SHAPE);
	CHECK(cr_code_read("ABCD'--EFGH", raw) == CR_CODE_SHAPE);
}

void
test_crypto_tokens(void)
{
	char		 a[CR_TOKEN_LEN + 1], b[CR_TOKEN_LEN + 1];
	unsigned char	 h1[CR_HASH_LEN], h2[CR_HASH_LEN];
	size_t		 i;

	init_key();
	cr_token_new(a);
	cr_token_new(b);
	CHECK(strlen(a) == CR_TOKEN_LEN);
	CHECK(strcmp(a, b) != 0);
	for (i = 0; i < CR_TOKEN_LEN; i++)
		CHECK(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
		    "wxyz0123456789-_", a[i]) != NULL);
	/* The same text hashed for different purposes differs. */
	cr_hash(CR_LINK, a, CR_TOKEN_LEN, h1);
	cr_hash(CR_CODE, a, CR_TOKEN_LEN, h2);
	CHECK(memcmp(h1, h2, CR_HASH_LEN) != 0);
	cr_hash(CR_LINK, a, CR_TOKEN_LEN, h2);
	CHECK(memcmp(h1, h2, CR_HASH_LEN) == 0);
}

void
test_crypto_seal(void)
{
	struct buf	 box = { 0 }, out = { 0 }, box2 = { 0 };
	const char	*msg = "q=My worries \xf0\x9f\x98\x9f";

	init_key();
	cr_seal(0, 'r', 42, msg, strlen(msg), &box);
	CHECK(box.len == 24 + strlen(msg) + 16);
	CHECK(memmem(box.data, box.len, "worries", 7) == NULL);
	CHECK(cr_open(0, 'r', 42, box.data, box.len, &out) == 0);
	CHECK(out.len == strlen(msg) && memcmp(out.data, msg, out.len) == 0);
	/* Another row, table or key version: refused. */
	CHECK(cr_open(0, 'r', 43, box.data, box.len, &out) == -1);
	CHECK(cr_open(0, 'd', 42, box.data, box.len, &out) == -1);
	CHECK(cr_open(1, 'r', 42, box.data, box.len, &out) == -1);
	CHECK(out.len == 0);
	/* One flipped bit anywhere: refused. */
	box.data[30] ^= 1;
	CHECK(cr_open(0, 'r', 42, box.data, box.len, &out) == -1);
	box.data[30] ^= 1;
	CHECK(cr_open(0, 'r', 42, box.data, 10, &out) == -1);
	/* Same text twice: different boxes (random nonce). */
	cr_seal(0, 'r', 42, msg, strlen(msg), &box2);
	CHECK(box.len == box2.len && memcmp(box.data, box2.data, box.len));
	/* A new key version opens its own. */
	cr_seal(7, 'r', 42, msg, strlen(msg), &box2);
	CHECK(cr_open(7, 'r', 42, box2.data, box2.len, &out) == 0);
	buf_free(&box);
	buf_free(&box2);
	buf_free(&out);
}

void
test_crypto_keyfile(void)
{
	char	 path[] = "/tmp/heard-unit-kfXXXXXX", err[512];
	int	 fd;

	fd = mkstemp(path);
	CHECK(write(fd, "short", 5) == 5);
	close(fd);
	chmod(path, 0600);
	CHECK(cr_keyfile_check(path, NULL, err, sizeof(err)) == -1);
	CHECK(strstr(err, "exactly 32 bytes") != NULL);
	CHECK(strncmp(err, path, strlen(path)) == 0);
	unlink(path);
	CHECK(cr_keyfile_create(path, err, sizeof(err)) == 0);
	CHECK(cr_keyfile_check(path, NULL, err, sizeof(err)) == 0);
	/* Created again: left alone, still good. */
	CHECK(cr_keyfile_create(path, err, sizeof(err)) == 0);
	chmod(path, 0644);
	CHECK(cr_keyfile_check(path, NULL, err, sizeof(err)) == -1);
	CHECK(strstr(err, "can be read by others") != NULL);
	chmod(path, 0640);
	CHECK(cr_keyfile_check(path, NULL, err, sizeof(err)) == -1);
	unlink(path);
	CHECK(cr_keyfile_check(path, NULL, err, sizeof(err)) == -1);
	CHECK(strstr(err, "cannot open key file") != NULL);
}

/* The hex digits of 32 bytes, for comparing with published vectors. */
static void
hex32(const unsigned char in[32], char out[65])
{
	size_t	 i;

	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

/*
 * HMAC-SHA256 against RFC 4231's test cases 1-4, 6 and 7 (case 5
 * truncates the output, which we never do): short keys, a key of
 * 25 bytes, keys longer than the 64-byte block, data longer than it.
 */
void
test_crypto_hmac(void)
{
	unsigned char	 key[131], msg[160], mac[32];
	char		 hex[65];
	size_t		 i;

	memset(key, 0x0b, 20);
	cr_hmac_sha256(key, 20, "Hi There", 8, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "b0344c61d8db38535ca8afceaf0bf12b"
	    "881dc200c9833da726e9376c2e32cff7");

	cr_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c7"
	    "5a003f089d2739839dec58b964ec3843");

	memset(key, 0xaa, 20);
	memset(msg, 0xdd, 50);
	cr_hmac_sha256(key, 20, msg, 50, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "773ea91e36800e46854db8ebd09181a7"
	    "2959098b3ef8c122d9635514ced565fe");

	for (i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(msg, 0xcd, 50);
	cr_hmac_sha256(key, 25, msg, 50, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "82558a389a443c0ea4cc819899f2083a"
	    "85f0faa3e578f8077a2e3ff46729665b");

	memset(key, 0xaa, 131);
	cr_hmac_sha256(key, 131, "Test Using Larger Than Block-Size Key - "
	    "Hash Key First", 54, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "60e431591ee0b67f0d8a26aacbf5b77f"
	    "8e0bc6213728c5140546040f0ee37f54");

	cr_hmac_sha256(key, 131, "This is a test using a larger than "
	    "block-size key and a larger than block-size data. The key needs "
	    "to be hashed before being used by the HMAC algorithm.", 152, mac);
	hex32(mac, hex);
	CHECK_STR(hex, "9b09ffa71b942fcb27635fbcd5b0e944"
	    "bfdc63644f0713938a7f51535c3a35e2");

	/* One changed key byte changes the MAC. */
	key[0] ^= 1;
	cr_hmac_sha256(key, 131, "Test Using Larger Than Block-Size Key - "
	    "Hash Key First", 54, mac);
	hex32(mac, hex);
	CHECK(strcmp(hex, "60e431591ee0b67f0d8a26aacbf5b77f"
	    "8e0bc6213728c5140546040f0ee37f54") != 0);
}

void
test_crypto_carry(void)
{
	struct buf	 box = { 0 }, out = { 0 };
	const char	*csv = "child_ref,review_date\nW-1,2026-12-15,mum@example.org\n";
	size_t		 i;

	init_key();
	cr_carry_seal("week\nsession-a", csv, strlen(csv), &box);
	CHECK(strstr(box.data, "example") == NULL);
	for (i = 0; i < box.len; i++)
		CHECK(isalnum((unsigned char)box.data[i]) ||
		    box.data[i] == '-' || box.data[i] == '_');
	CHECK(cr_carry_open("week\nsession-a", box.data, &out) == 0);
	CHECK_STR(out.data, csv);
	/* Another session or purpose: refused. */
	CHECK(cr_carry_open("week\nsession-b", box.data, &out) == -1);
	CHECK(out.len == 0);
	CHECK(cr_carry_open("chase\nsession-a", box.data, &out) == -1);
	/* One character changed, cut short, or not base64url: refused. */
	box.data[40] = box.data[40] == 'A' ? 'B' : 'A';
	CHECK(cr_carry_open("week\nsession-a", box.data, &out) == -1);
	CHECK(cr_carry_open("week\nsession-a", "AAAA", &out) == -1);
	CHECK(cr_carry_open("week\nsession-a", "", &out) == -1);
	CHECK(cr_carry_open("week\nsession-a", "!!!*", &out) == -1);
	buf_free(&box);
	buf_free(&out);
}
