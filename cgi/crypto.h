/*
 * crypto: the only file that calls libsodium.  Keys are derived from
 * one 32-byte key file with crypto_kdf_derive_from_key, one subkey per
 * purpose, so a hash made for link tokens can never be confused with
 * one made for paper codes or sessions.
 */
#ifndef HEARD_CRYPTO_H
#define HEARD_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define CR_TOKEN_LEN	43	/* base64url of 32 bytes, no padding */
#define CR_CODE_LEN	14	/* "ABCD-EFGH-JKLM" */
#define CR_CODE_RAW	12	/* 11 data characters and a check character */
#define CR_HASH_LEN	32
#define CR_PWHASH_LEN	128	/* crypto_pwhash_STRBYTES */

/* What a keyed hash is for: each purpose has its own subkey. */
enum cr_purpose {
	CR_LINK = 1,
	CR_CODE = 2,
	CR_VISIT = 3,
	CR_SESSION = 4,
	CR_CSRF = 5,
	CR_CARRY = 6,	/* what a sealed hidden field is bound to */
};

/* Result of reading a typed paper code. */
enum cr_code_result {
	CR_CODE_OK = 0,
	CR_CODE_SHAPE,		/* wrong length or characters */
	CR_CODE_TYPO,		/* check character does not match */
};

int	 cr_init(const char *, char *, size_t);
int	 cr_keyfile_create(const char *, char *, size_t);
int	 cr_keyfile_check(const char *, unsigned char *, char *, size_t);
void	 cr_b64(const unsigned char [32], char [CR_TOKEN_LEN + 1]);
void	 cr_token_new(char [CR_TOKEN_LEN + 1]);
void	 cr_hash(enum cr_purpose, const char *, size_t,
	    unsigned char [CR_HASH_LEN]);
void	 cr_code_new(char [CR_CODE_LEN + 1]);
enum cr_code_result cr_code_read(const char *, char [CR_CODE_RAW + 1]);
char	 cr_code_check(const char *, size_t);
void	 cr_code_format(const char [CR_CODE_RAW + 1], char [CR_CODE_LEN + 1]);
void	 cr_seal(uint32_t, char, int64_t, const void *, size_t, struct buf *);
int	 cr_open(uint32_t, char, int64_t, const void *, size_t, struct buf *);
int	 cr_pw_hash(const char *, char [CR_PWHASH_LEN]);
int	 cr_pw_verify(const char *, const char *);
int	 cr_pw_needs_rehash(const char *);
void	 cr_key_check(char [CR_TOKEN_LEN + 1]);
void	 cr_random(void *, size_t);
uint32_t cr_uniform(uint32_t);
int	 cr_equal(const void *, const void *, size_t);
void	 cr_csrf(const char *, char [CR_TOKEN_LEN + 1]);
int	 cr_csrf_ok(const char *, const char *);
void	 cr_carry_seal(const char *, const void *, size_t, struct buf *);
int	 cr_carry_open(const char *, const char *, struct buf *);
void	 cr_hmac_sha256(const void *, size_t, const void *, size_t,
	    unsigned char [32]);

#endif
