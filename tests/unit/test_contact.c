/*
 * Unit tests of contact.c: email addresses, UK mobile numbers, postal
 * addresses and postcodes, good and bad, and the rule each bad one
 * breaks.
 */
#include <string.h>

#include "check.h"
#include "contact.h"

/* Run f on in; CHECK it is good and normalises to want. */
#define GOOD(f, in, want) do {						\
	char out_[CONTACT_MAX];						\
	const char *why_ = NULL;					\
	CHECK(f(in, out_, &why_) == 0);					\
	CHECK_STR(why_ == NULL ? out_ : why_, want);			\
} while (0)

/* Run f on in; CHECK it is refused with a message holding word. */
#define BAD(f, in, word) do {						\
	char out_[CONTACT_MAX];						\
	const char *why_ = NULL;					\
	CHECK(f(in, out_, &why_) == -1);				\
	CHECK(why_ != NULL && strstr(why_, word) != NULL);		\
} while (0)

/* Email addresses. */
void
test_contact_email(void)
{
	GOOD(contact_email, "sam@example.org", "sam@example.org");
	GOOD(contact_email, "  Sam.Jones+heard@Example.GOV.uk ",
	    "Sam.Jones+heard@example.gov.uk");
	GOOD(contact_email, "o'neill@mail.co.uk", "o'neill@mail.co.uk");
	BAD(contact_email, "", "exactly one @");
	BAD(contact_email, "sam.example.org", "exactly one @");
	BAD(contact_email, "sam@@example.org", "exactly one @");
	BAD(contact_email, "@example.org", "1 to 64");
	BAD(contact_email, "sam jones@example.org", "spaces");
	BAD(contact_email, "sam@example", "domain with a dot");
	BAD(contact_email, "sam@-example.org", "domain such as");
	BAD(contact_email, "sam@example..org", "domain such as");
	BAD(contact_email, "sam@example.o", "must end in");
	BAD(contact_email, "sam@example.123", "must end in");
	BAD(contact_email, ".sam@example.org", "dot");
	BAD(contact_email, "sa..m@example.org", "two dots");
	BAD(contact_email, "sam(x)@example.org", "symbols");
	{
		char	 long_[300];

		memset(long_, 'a', sizeof(long_) - 1);
		long_[sizeof(long_) - 1] = '\0';
		memcpy(long_ + 200, "@example.org", 12);
		BAD(contact_email, long_, "254");
	}
}

/* UK mobile numbers, and the landlines a text cannot go to. */
void
test_contact_phone(void)
{
	GOOD(contact_phone, "07700 900123", "07700900123");
	GOOD(contact_phone, "07700-900-123", "07700900123");
	GOOD(contact_phone, "+447700900123", "07700900123");
	GOOD(contact_phone, "+44 7700 900123", "07700900123");
	GOOD(contact_phone, "447700900123", "07700900123");
	GOOD(contact_phone, "00447700900123", "07700900123");
	GOOD(contact_phone, "+44 (0)7700 900123", "07700900123");
	GOOD(contact_phone, "07624 123456", "07624123456");
	BAD(contact_phone, "020 7946 0000", "landline");
	BAD(contact_phone, "01632 960000", "landline");
	BAD(contact_phone, "+44 20 7946 0000", "landline");
	BAD(contact_phone, "0800 111 1111", "landline");
	BAD(contact_phone, "0770090012", "too few");
	BAD(contact_phone, "077009001234", "too many");
	BAD(contact_phone, "07700 9OO123", "only digits");
	BAD(contact_phone, "7700900123", "starts 07");
	BAD(contact_phone, "+33 6 12 34 56 78", "starts 07");
	BAD(contact_phone, "07000 123456", "070 or 076");
	BAD(contact_phone, "07600 123456", "070 or 076");
	BAD(contact_phone, "", "starts 07");
}

/* Postcodes alone. */
static void
postcodes(void)
{
	char	 pc[16];

	CHECK(contact_postcode("sw1a1aa", pc, sizeof(pc)) == 0);
	CHECK_STR(pc, "SW1A 1AA");
	CHECK(contact_postcode(" m1  1ae ", pc, sizeof(pc)) == 0);
	CHECK_STR(pc, "M1 1AE");
	CHECK(contact_postcode("B33 8TH", pc, sizeof(pc)) == 0);
	CHECK_STR(pc, "B33 8TH");
	CHECK(contact_postcode("CR2 6XH", pc, sizeof(pc)) == 0);
	CHECK(contact_postcode("DN55 1PT", pc, sizeof(pc)) == 0);
	CHECK(contact_postcode("W1A 0AX", pc, sizeof(pc)) == 0);
	CHECK(contact_postcode("gir 0aa", pc, sizeof(pc)) == 0);
	CHECK_STR(pc, "GIR 0AA");
	CHECK(contact_postcode("SW1A", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("12345", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("SW1A 1A1", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("ABC1 1AA", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("London", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("", pc, sizeof(pc)) == -1);
	CHECK(contact_postcode("SW1A-1AA", pc, sizeof(pc)) == -1);
}

/* Postal addresses: 3 to 7 lines, the last a postcode. */
void
test_contact_address(void)
{
	char		 lines[CONTACT_MAX], *l[CONTACT_LINES_MAX];

	postcodes();
	GOOD(contact_address, "1 High Street|Northtown|nt1 1aa",
	    "1 High Street|Northtown|NT1 1AA");
	GOOD(contact_address, " Flat 2 | 1 High Street ||Northtown| NT1 1AA ",
	    "Flat 2|1 High Street|Northtown|NT1 1AA");
	GOOD(contact_address, "a|b|c|d|e|f|SW1A1AA", "a|b|c|d|e|f|SW1A 1AA");
	BAD(contact_address, "1 High Street|NT1 1AA", "at least 3 lines");
	BAD(contact_address, "", "at least 3 lines");
	BAD(contact_address, "a|b|c|d|e|f|g|SW1A 1AA", "at most 7");
	BAD(contact_address, "1 High Street|Northtown|Northshire",
	    "UK postcode");
	BAD(contact_address, "1 High Street|Northtown|\x01NT1 1AA",
	    "control");
	{
		char	 big[200];

		memset(big, 'x', 100);
		strcpy(big + 100, "|Town|NT1 1AA");
		BAD(contact_address, big, "at most 80");
	}
	strcpy(lines, "Flat 2|1 High Street|Northtown|NT1 1AA");
	CHECK(contact_lines(lines, l) == 4);
	CHECK_STR(l[0], "Flat 2");
	CHECK_STR(l[3], "NT1 1AA");
}

/* A spreadsheet cell of any kind. */
void
test_contact_any(void)
{
	enum contact_kind k;
	char		 out[CONTACT_MAX];
	const char	*why;

	CHECK(contact_any("sam@example.org", &k, out, &why) == 0 &&
	    k == CONTACT_EMAIL);
	CHECK(contact_any("07700 900123", &k, out, &why) == 0 &&
	    k == CONTACT_SMS);
	CHECK(contact_any("1 A St|Town|NT1 1AA", &k, out, &why) == 0 &&
	    k == CONTACT_LETTER);
	CHECK(contact_any("01632 960000", &k, out, &why) == -1 &&
	    k == CONTACT_SMS && strstr(why, "landline") != NULL);
	CHECK_STR(contact_kind_name(CONTACT_SMS), "sms");
	CHECK(contact_kind_of("letter") == CONTACT_LETTER);
	CHECK(contact_kind_of("fax") == -1);
	CHECK_STR(contact_channel(CONTACT_LETTER), "post");
}
