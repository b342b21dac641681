/*
 * The unit-test runner: runs every test, prints one line each and a
 * closing "unit: N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

int	 check_failures;

static const struct {
	const char	*name;
	void		 (*fn)(void);
} tests[] = {
	{ "http_utf8", test_http_utf8 },
	{ "http_urlencoded", test_http_urlencoded },
	{ "http_cookies", test_http_cookies },
	{ "http_fields", test_http_fields },
	{ "http_validate", test_http_validate },
	{ "http_head", test_http_head },
	{ "http_urlencode", test_http_urlencode },
	{ "http_multipart_boundary", test_http_multipart_boundary },
	{ "http_multipart", test_http_multipart },
	{ "tmpl_escape", test_tmpl_escape },
	{ "tmpl_render", test_tmpl_render },
	{ "tmpl_find", test_tmpl_find },
	{ "tmpl_errors", test_tmpl_errors },
	{ "crypto_codes", test_crypto_codes },
	{ "crypto_tokens", test_crypto_tokens },
	{ "crypto_seal", test_crypto_seal },
	{ "crypto_carry", test_crypto_carry },
	{ "week_parse", test_week_parse },
	{ "crypto_keyfile", test_crypto_keyfile },
	{ "crypto_hmac", test_crypto_hmac },
	{ "notify_key", test_notify_key },
	{ "notify_jwt", test_notify_jwt },
	{ "notify_bodies", test_notify_bodies },
	{ "notify_parse", test_notify_parse },
	{ "notify_transport", test_notify_transport },
	{ "forms_parse_errors", test_forms_parse_errors },
	{ "forms_shipped", test_forms_shipped },
	{ "forms_validate", test_forms_validate },
	{ "forms_encode", test_forms_encode },
	{ "speak_load", test_speak_load },
	{ "speak_control", test_speak_control },
	{ "db_migrate", test_db_migrate },
	{ "db_consult", test_db_consult },
	{ "db_batch", test_db_batch },
	{ "db_guessing", test_db_guessing },
	{ "db_visit_purge", test_db_visit_purge },
	{ "contact_email", test_contact_email },
	{ "contact_phone", test_contact_phone },
	{ "contact_address", test_contact_address },
	{ "contact_any", test_contact_any },
	{ "cal_dates", test_cal_dates },
	{ "cal_easter", test_cal_easter },
	{ "cal_holidays", test_cal_holidays },
	{ "cal_workdays", test_cal_workdays },
	{ "cal_due", test_cal_due },
	{ "flag_deadline", test_flag_deadline },
	{ "forms_help", test_forms_help },
	{ "qr_svg", test_qr_svg },
	{ "qr_limits", test_qr_limits },
	{ "replica_metrics", test_replica_metrics },
	{ "vocab_schema", test_vocab_schema },
	{ "vocab_words", test_vocab_words },
	{ "vocab_fields", test_vocab_fields },
	{ "report_previous", test_report_previous },
	{ "report_903", test_report_903 },
	{ "http_many_cookies", test_http_many_cookies },
	{ "csv_formula_cells", test_csv_formula_cells },
	{ "conf_instance", test_conf_instance },
	{ "img_metadata", test_img_metadata },
	{ "img_hostile", test_img_hostile },
	/* Last: lang_shipped loads every real template. */
	{ "lang_gaps", test_lang_gaps },
	{ "lang_shipped", test_lang_shipped },
};

int
main(int argc, char *argv[])
{
	size_t	 i;
	int	 before, passed = 0, failed = 0;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (argc > 1 && strstr(tests[i].name, argv[1]) == NULL)
			continue;
		before = check_failures;
		tests[i].fn();
		if (check_failures == before) {
			passed++;
			printf("ok   %s\n", tests[i].name);
		} else {
			failed++;
			printf("FAIL %s\n", tests[i].name);
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
