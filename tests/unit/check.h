/*
 * check: the smallest test harness that does the job.  A test is a
 * function; CHECK records a failure with file:line and carries on, so
 * one run shows every broken property.
 */
#ifndef HEARD_CHECK_H
#define HEARD_CHECK_H

#include <stdio.h>

extern int check_failures;

#define CHECK(c) do {							\
	if (!(c)) {							\
		check_failures++;					\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #c);				\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {		\
		check_failures++;					\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__,	\
		    __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");	\
	}								\
} while (0)

void	 test_http_utf8(void);
void	 test_flag_deadline(void);
void	 test_forms_help(void);
void	 test_conf_instance(void);
void	 test_img_metadata(void);
void	 test_img_hostile(void);
void	 test_http_urlencoded(void);
void	 test_http_cookies(void);
void	 test_http_many_cookies(void);
void	 test_csv_formula_cells(void);
void	 test_http_fields(void);
void	 test_http_validate(void);
void	 test_http_head(void);
void	 test_http_urlencode(void);
void	 test_http_multipart_boundary(void);
void	 test_http_multipart(void);
void	 test_tmpl_escape(void);
void	 test_tmpl_render(void);
void	 test_tmpl_find(void);
void	 test_db_batch(void);
void	 test_report_previous(void);
void	 test_report_903(void);
void	 test_db_guessing(void);
void	 test_db_visit_purge(void);
void	 test_tmpl_errors(void);
void	 test_crypto_codes(void);
void	 test_crypto_tokens(void);
void	 test_crypto_seal(void);
void	 test_crypto_carry(void);
void	 test_week_parse(void);
void	 test_crypto_keyfile(void);
void	 test_crypto_hmac(void);
void	 test_notify_key(void);
void	 test_notify_jwt(void);
void	 test_notify_bodies(void);
void	 test_notify_parse(void);
void	 test_notify_transport(void);
void	 test_forms_parse_errors(void);
void	 test_lang_gaps(void);
void	 test_lang_shipped(void);
void	 test_forms_shipped(void);
void	 test_forms_validate(void);
void	 test_forms_encode(void);
void	 test_db_migrate(void);
void	 test_db_consult(void);
void	 test_contact_email(void);
void	 test_contact_phone(void);
void	 test_contact_address(void);
void	 test_contact_any(void);
void	 test_cal_dates(void);
void	 test_cal_easter(void);
void	 test_cal_holidays(void);
void	 test_cal_workdays(void);
void	 test_cal_due(void);
void	 test_qr_svg(void);
void	 test_qr_limits(void);
void	 test_replica_metrics(void);
void	 test_vocab_schema(void);
void	 test_vocab_words(void);
void	 test_vocab_fields(void);
void	 test_speak_load(void);
void	 test_speak_control(void);

#endif
