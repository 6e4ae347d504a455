/*-------------------------------------------------------------------------
 *
 * program_invitations.c
 *	  Module entry of the program_invitations extension: the magic block
 *	  and the settings (GUCs).
 *
 * The SQL-callable functions live with their concern: invitations.c
 * (create, delete), listing.c (list, count, page) and unicode_text.c (the
 * comparison key).
 *
 * src/program_invitations.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "program_invitations.h"
#include "role_cache.h"

PG_MODULE_MAGIC;

/* Hosts that redirect_to may point at, comma-separated; empty: any. */
char	   *pi_redirect_hosts = NULL;

/* Largest metadata object, in bytes of its text form. */
int			pi_max_metadata_bytes = 65536;

/* Largest page_size that list_invitations and invitation_page accept. */
int			pi_max_page_size = 1000;

/* Most items one bulk call may carry (used by the bulk functions). */
int			pi_max_bulk_items = 1000;

/* Prefix of the next_page and previous_page links of the envelope. */
char	   *pi_page_url = NULL;

void		_PG_init(void);

/*
 * _PG_init defines the settings when the library is loaded.
 *
 * The limits and the redirect allow-list are PGC_SUSET: a caller who could
 * raise them could store oversized values or open redirects.  page_url only
 * shapes the caller's own output, so anyone may set it.
 */
void
_PG_init(void)
{
	DefineCustomStringVariable("program_invitations.redirect_hosts",
							   "Hosts that redirect_to may point at.",
							   "A comma-separated list; a host matches itself "
							   "and its subdomains.  Empty allows any host.",
							   &pi_redirect_hosts,
							   "",
							   PGC_SUSET,
							   0,
							   NULL, NULL, NULL);

	DefineCustomIntVariable("program_invitations.max_metadata_bytes",
							"Largest metadata object, in bytes of its text "
							"form.",
							NULL,
							&pi_max_metadata_bytes,
							65536, 2, 256 * 1024 * 1024,
							PGC_SUSET,
							GUC_UNIT_BYTE,
							NULL, NULL, NULL);

	DefineCustomIntVariable("program_invitations.max_page_size",
							"Largest page_size a listing accepts.",
							"At least 20, the default page size, so that "
							"calls that leave page_size out always work.",
							&pi_max_page_size,
							1000, 20, 1000000,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("program_invitations.max_bulk_items",
							"Most items one bulk call may carry.",
							NULL,
							&pi_max_bulk_items,
							1000, 1, 1000000,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomStringVariable("program_invitations.page_url",
							   "Prefix of the next_page and previous_page "
							   "links.",
							   "Empty gives links that start with \"?\".",
							   &pi_page_url,
							   "",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	MarkGUCPrefixReserved("program_invitations");

	PiRoleCacheInit();
}
