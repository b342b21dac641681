/*
 * crypto: tokens, paper codes, keyed hashes, sealing answers at rest and
 * staff passwords.  See README "Security" for why each choice was made.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto.h"

#define KDF_CONTEXT	"heard_v1"	/* exactly 8 bytes */
#define AEAD_BASE	1000		/* subkey id of key version 0 */
#define CARRY_SUBKEY	900		/* subkey id for cr_carry_seal() */
#define CHECK_SUBKEY	800		/* subkey id for cr_key_check() */

static unsigned char	 master[crypto_kdf_KEYBYTES];
static unsigned char	 hashkey[8][crypto_generichash_KEYBYTES];

/* Crockford's base32: no I, L, O or U, so nothing is mistaken. */
static const char	 alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * Check a key file: a regular file of exactly 32 bytes that nobody but
 * its owner can read.  Loads it into key (32 bytes) when key != NULL.
 * Returns 0, or -1 with "file:0: what is wrong" in err.
 */
int
cr_keyfile_check(const char *path, unsigned char *key, char *err,
    size_t errlen)
{
	struct stat	 st;
	int		 fd;
	ssize_t		 got;
	unsigned char	 tmp[crypto_kdf_KEYBYTES + 1];

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s:0: cannot open key file: %s",
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s:0: key file is not a regular file",
		    path);
		goto fail;
	}
	if ((st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s:0: key file can be read by others "
		    "(mode %04o); run: chmod 600 %s", path,
		    (unsigned)(st.st_mode & 07777), path);
		goto fail;
	}
	got = read(fd, tmp, sizeof(tmp));
	if (got != crypto_kdf_KEYBYTES) {
		snprintf(err, errlen, "%s:0: key file must hold exactly %d "
		    "bytes, not %zd", path, crypto_kdf_KEYBYTES,
		    got < 0 ? (ssize_t)0 : (ssize_t)st.st_size);
		goto fail;
	}
	if (key != NULL)
		memcpy(key, tmp, crypto_kdf_KEYBYTES);
	sodium_memzero(tmp, sizeof(tmp));
	close(fd);
	return 0;
fail:
	sodium_memzero(tmp, sizeof(tmp));
	close(fd);
	return -1;
}

/*
 * Create a key file of 32 random bytes with mode 0600 if none exists.
 * An existing file is left alone (and checked).  Returns 0 or -1.
 */
int
cr_keyfile_create(const char *path, char *err, size_t errlen)
{
	unsigned char	 k[crypto_kdf_KEYBYTES];
	int		 fd;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "%s:0: libsodium failed to start", path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 && errno == EEXIST)
		return cr_keyfile_check(path, NULL, err, errlen);
	if (fd == -1) {
		snprintf(err, errlen, "%s:0: cannot create key file: %s",
		    path, strerror(errno));
		return -1;
	}
	crypto_kdf_keygen(k);
	if (write(fd, k, sizeof(k)) != (ssize_t)sizeof(k) || fsync(fd) == -1) {
		snprintf(err, errlen, "%s:0: cannot write key file: %s",
		    path, strerror(errno));
		sodium_memzero(k, sizeof(k));
		close(fd);
		unlink(path);
		return -1;
	}
	sodium_memzero(k, sizeof(k));
	return close(fd);
}

/*
 * Start libsodium, load the key file and derive the hashing subkeys.
 * Returns 0, or -1 with "file:line: what is wrong" in err.
 */
int
cr_init(const char *keyfile, char *err, size_t errlen)
{
	int	 i;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "%s:0: libsodium failed to start",
		    keyfile);
		return -1;
	}
	if (cr_keyfile_check(keyfile, master, err, errlen) == -1)
		return -1;
	for (i = CR_LINK; i <= CR_CARRY; i++)
		crypto_kdf_derive_from_key(hashkey[i], sizeof(hashkey[i]),
		    (uint64_t)i, KDF_CONTEXT, master);
	return 0;
}

/*
 * The key check value: a keyed hash of a fixed string under a subkey of
 * its own, stored in the database's meta table.  It shows whether a key
 * file is the one the database was sealed with, and reveals nothing of
 * the key (README "Security").
 */
void
cr_key_check(char out[CR_TOKEN_LEN + 1])
{
	static const char	 what[] = "heard key check value 1";
	unsigned char		 k[crypto_generichash_KEYBYTES];
	unsigned char		 h[32];

	crypto_kdf_derive_from_key(k, sizeof(k), CHECK_SUBKEY, KDF_CONTEXT,
	    master);
	crypto_generichash(h, sizeof(h), (const unsigned char *)what,
	    sizeof(what) - 1, k, sizeof(k));
	cr_b64(h, out);
	sodium_memzero(k, sizeof(k));
}

/* Fill p with n random bytes. */
void
cr_random(void *p, size_t n)
{
	randombytes_buf(p, n);
}

/* A uniformly random number below n. */
uint32_t
cr_uniform(uint32_t n)
{
	return randombytes_uniform(n);
}

/* Constant-time comparison: 1 if equal. */
int
cr_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

/* 32 bytes as 43 characters of base64url without padding. */
void
cr_b64(const unsigned char in[32], char out[CR_TOKEN_LEN + 1])
{
	sodium_bin2base64(out, CR_TOKEN_LEN + 1, in, 32,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* A new link or session token: 32 random bytes in base64url. */
void
cr_token_new(char out[CR_TOKEN_LEN + 1])
{
	unsigned char	 r[32];

	randombytes_buf(r, sizeof(r));
	cr_b64(r, out);
	sodium_memzero(r, sizeof(r));
}

/*
 * Keyed BLAKE2b of s[0..n) under the subkey for purpose.  Only these
 * hashes are stored: a database dump cannot be turned into a link.
 */
void
cr_hash(enum cr_purpose p, const char *s, size_t n,
    unsigned char out[CR_HASH_LEN])
{
	crypto_generichash(out, CR_HASH_LEN, (const unsigned char *)s, n,
	    hashkey[p], sizeof(hashkey[p]));
}

/* Index of c in the code alphabet, or -1. */
static int
code_index(char c)
{
	const char	*p;

	if (c == '\0' || (p = strchr(alphabet, c)) == NULL)
		return -1;
	return (int)(p - alphabet);
}

/*
 * The Luhn mod 32 check character over s[0..n): it catches every single
 * mistyped character and every swap of two neighbours.
 */
char
cr_code_check(const char *s, size_t n)
{
	int	 factor = 2, sum = 0, add, i;

	for (i = (int)n - 1; i >= 0; i--) {
		add = factor * code_index(s[i]);
		factor = factor == 2 ? 1 : 2;
		sum += add / 32 + add % 32;
	}
	return alphabet[(32 - sum % 32) % 32];
}

/* Group 12 raw characters as "ABCD-EFGH-JKLM". */
void
cr_code_format(const char raw[CR_CODE_RAW + 1], char out[CR_CODE_LEN + 1])
{
	snprintf(out, CR_CODE_LEN + 1, "%.4s-%.4s-%.4s", raw, raw + 4,
	    raw + 8);
}

/*
 * A new paper code: 11 random characters (55 bits) and a check
 * character, grouped for a letter.
 */
void
cr_code_new(char out[CR_CODE_LEN + 1])
{
	char	 raw[CR_CODE_RAW + 1];
	int	 i;

	for (i = 0; i < CR_CODE_RAW - 1; i++)
		raw[i] = alphabet[randombytes_uniform(32)];
	raw[CR_CODE_RAW - 1] = cr_code_check(raw, CR_CODE_RAW - 1);
	raw[CR_CODE_RAW] = '\0';
	cr_code_format(raw, out);
}

/*
 * Read a code as a person typed it: any case, spaces and hyphens
 * anywhere, O for 0, I and L for 1.  On success raw holds the 12
 * canonical characters.  Says whether the shape is wrong or the check
 * character shows a typo.
 */
enum cr_code_result
cr_code_read(const char *in, char raw[CR_CODE_RAW + 1])
{
	size_t	 n = 0;
	char	 c;

	for (; *in != '\0'; in++) {
		c = *in;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (n == CR_CODE_RAW || code_index(c) < 0)
			return CR_CODE_SHAPE;
		raw[n++] = c;
	}
	raw[n] = '\0';
	if (n != CR_CODE_RAW)
		return CR_CODE_SHAPE;
	if (cr_code_check(raw, CR_CODE_RAW - 1) != raw[CR_CODE_RAW - 1])
		return CR_CODE_TYPO;
	return CR_CODE_OK;
}

/*
 * Associated data binds a ciphertext to its table, row and key
 * version: a ciphertext copied to another row or table fails to open.
 */
static void
make_ad(unsigned char ad[13], uint32_t ver, char table, int64_t row)
{
	int	 i;

	ad[0] = (unsigned char)table;
	for (i = 0; i < 8; i++)
		ad[1 + i] = (unsigned char)((uint64_t)row >> (8 * i));
	for (i = 0; i < 4; i++)
		ad[9 + i] = (unsigned char)(ver >> (8 * i));
}

/* The answer key for a key version. */
static void
aead_key(uint32_t ver, unsigned char k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES])
{
	crypto_kdf_derive_from_key(k, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
	    AEAD_BASE + (uint64_t)ver, KDF_CONTEXT, master);
}

/*
 * Seal pt[0..n) for row `row` of table `table` under key version ver.
 * out receives nonce || ciphertext || tag.
 */
void
cr_seal(uint32_t ver, char table, int64_t row, const void *pt, size_t n,
    struct buf *out)
{
	unsigned char	 k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	unsigned char	 ad[13];
	unsigned char	*ct;
	unsigned long long clen;

	aead_key(ver, k);
	make_ad(ad, ver, table, row);
	randombytes_buf(nonce, sizeof(nonce));
	ct = xmalloc(n + crypto_aead_xchacha20poly1305_ietf_ABYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &clen, pt, n, ad,
	    sizeof(ad), NULL, nonce, k);
	buf_reset(out);
	buf_add(out, nonce, sizeof(nonce));
	buf_add(out, ct, (size_t)clen);
	sodium_memzero(k, sizeof(k));
	free(ct);
}

/*
 * Open what cr_seal made.  Returns 0 with the plain text in out, or -1
 * if the ciphertext was tampered with, moved to another row, or sealed
 * under another key: never garbage.
 */
int
cr_open(uint32_t ver, char table, int64_t row, const void *box, size_t n,
    struct buf *out)
{
	unsigned char	 k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	 ad[13];
	const unsigned char *b = box;
	unsigned char	*pt;
	unsigned long long plen;
	size_t		 nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	int		 rc;

	buf_reset(out);
	if (n < nb + crypto_aead_xchacha20poly1305_ietf_ABYTES)
		return -1;
	aead_key(ver, k);
	make_ad(ad, ver, table, row);
	pt = xmalloc(n);
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &plen, NULL,
	    b + nb, n - nb, ad, sizeof(ad), b, k);
	sodium_memzero(k, sizeof(k));
	if (rc == 0)
		buf_add(out, pt, (size_t)plen);
	sodium_memzero(pt, n);
	free(pt);
	return rc == 0 ? 0 : -1;
}

/* Hash a staff password with argon2id.  Returns 0 or -1 (no memory). */
int
cr_pw_hash(const char *pw, char out[CR_PWHASH_LEN])
{
	return crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

/* 1 if pw matches the stored hash. */
int
cr_pw_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* 1 if a stored hash was made with weaker settings than today's. */
int
cr_pw_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

/*
 * The CSRF token for pages whose browser holds cookie: a keyed hash of
 * the cookie, so it needs no storage and a forged form cannot know it.
 */
void
cr_csrf(const char *cookie, char out[CR_TOKEN_LEN + 1])
{
	unsigned char	 h[CR_HASH_LEN];

	cr_hash(CR_CSRF, cookie, strlen(cookie), h);
	cr_b64(h, out);
}

/* 1 if token is the CSRF token for cookie (constant time). */
int
cr_csrf_ok(const char *cookie, const char *token)
{
	char	 want[CR_TOKEN_LEN + 1];

	if (cookie == NULL || token == NULL || strlen(token) != CR_TOKEN_LEN)
		return 0;
	cr_csrf(cookie, want);
	return cr_equal(want, token, CR_TOKEN_LEN);
}

/*
 * Seal pt[0..n) for a page to carry through the browser and back (a
 * hidden field): out receives base64url text of nonce || ciphertext ||
 * tag under a subkey of its own.  The associated data is a keyed hash
 * of bind (say, what the box is for and the staff session's cookie), so
 * the box opens only for that same purpose and session: the browser
 * can neither read it nor change a byte of it, and another session
 * cannot replay it.
 */
void
cr_carry_seal(const char *bind, const void *pt, size_t n, struct buf *out)
{
	unsigned char	 k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	unsigned char	 ad[CR_HASH_LEN];
	unsigned char	*box;
	unsigned long long clen;
	size_t		 bn, tn;
	char		*text;

	crypto_kdf_derive_from_key(k, sizeof(k), CARRY_SUBKEY, KDF_CONTEXT,
	    master);
	cr_hash(CR_CARRY, bind, strlen(bind), ad);
	randombytes_buf(nonce, sizeof(nonce));
	bn = sizeof(nonce) + n + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	box = xmalloc(bn);
	memcpy(box, nonce, sizeof(nonce));
	crypto_aead_xchacha20poly1305_ietf_encrypt(box + sizeof(nonce), &clen,
	    pt, n, ad, sizeof(ad), NULL, nonce, k);
	sodium_memzero(k, sizeof(k));
	tn = sodium_base64_ENCODED_LEN(bn,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	text = xmalloc(tn);
	sodium_bin2base64(text, tn, box, bn,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_reset(out);
	buf_puts(out, text);
	free(text);
	free(box);
}

/*
 * Open what cr_carry_seal made for the same bind.  Returns 0 with the
 * plain text in out, or -1 (out empty) for anything altered, cut,
 * sealed for another purpose or session, or not base64url at all.
 */
int
cr_carry_open(const char *bind, const char *text, struct buf *out)
{
	unsigned char	 k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	 ad[CR_HASH_LEN];
	unsigned char	*box, *pt;
	unsigned long long plen;
	size_t		 tn = strlen(text), bn, nb;
	int		 rc;

	buf_reset(out);
	nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	box = xmalloc(tn + 1);
	if (sodium_base642bin(box, tn + 1, text, tn, NULL, &bn, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    bn < nb + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		free(box);
		return -1;
	}
	crypto_kdf_derive_from_key(k, sizeof(k), CARRY_SUBKEY, KDF_CONTEXT,
	    master);
	cr_hash(CR_CARRY, bind, strlen(bind), ad);
	pt = xmalloc(bn);
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &plen, NULL,
	    box + nb, bn - nb, ad, sizeof(ad), box, k);
	sodium_memzero(k, sizeof(k));
	if (rc == 0)
		buf_add(out, pt, (size_t)plen);
	sodium_memzero(pt, bn);
	free(pt);
	free(box);
	return rc == 0 ? 0 : -1;
}

/*
 * HMAC-SHA256 of msg[0..len) under key[0..keylen), any key length (a
 * key longer than a block is hashed first, as RFC 2104 says).  The
 * result goes in out; nothing is allocated.  Used for GOV.UK Notify's
 * JWT, whose key is the API key's secret UUID as text.
 */
void
cr_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
    unsigned char out[32])
{
	crypto_auth_hmacsha256_state	 st;

	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, msg, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}
