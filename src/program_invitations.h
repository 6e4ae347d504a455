/*-------------------------------------------------------------------------
 *
 * program_invitations.h
 *	  Names, settings and error codes shared by every file of the
 *	  program_invitations extension.
 *
 * Schema and table names used in SPI text are defined here and nowhere
 * else, always schema-qualified.
 *
 * src/program_invitations.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PROGRAM_INVITATIONS_H
#define PROGRAM_INVITATIONS_H

#define PI_SCHEMA			"program_invitations"
#define PI_PROGRAMS			PI_SCHEMA ".programs"
#define PI_USERS			PI_SCHEMA ".users"
#define PI_INVITATIONS		PI_SCHEMA ".invitations"
#define PI_ROLE_GRANTS		PI_SCHEMA ".role_grants"
#define PI_POSTGREST_ROLES	PI_SCHEMA ".postgrest_roles"
#define PI_API_KEYS			PI_SCHEMA ".api_keys"

/*
 * The columns of the composite type program_invitations.invitation, in its
 * order, as read from the invitations table aliased "i".  Status is derived
 * here and nowhere else.  Every statement that returns invitations selects
 * exactly this list, so its results map one to one onto the type.
 */
#define PI_INVITATION_COLUMNS \
	"i.id, i.user_id, i.username, i.email, i.created, i.started, " \
	"i.expired, i.source, i.redirect_to, i.active, i.metadata, " \
	"i.program_key, i.org, " \
	"CASE WHEN NOT i.active THEN 'inactive' " \
	"WHEN i.started IS NOT NULL THEN 'accepted' " \
	"WHEN i.expired OPERATOR(pg_catalog.<=) " \
	"pg_catalog.statement_timestamp() THEN 'expired' " \
	"ELSE 'pending' END"

/* Column numbers (1-based, as SPI counts) in PI_INVITATION_COLUMNS. */
#define PI_COL_ID			1
#define PI_COL_USER_ID		2
#define PI_COL_USERNAME		3
#define PI_COL_EMAIL		4
#define PI_COL_CREATED		5
#define PI_COL_STARTED		6
#define PI_COL_EXPIRED		7
#define PI_COL_SOURCE		8
#define PI_COL_REDIRECT_TO	9
#define PI_COL_ACTIVE		10
#define PI_COL_METADATA		11
#define PI_COL_PROGRAM_KEY	12
#define PI_COL_ORG			13
#define PI_COL_STATUS		14
#define PI_NUM_COLUMNS		14
/* The seed's fields are the first twelve; org and status are "verbose". */
#define PI_NUM_SEED_COLUMNS 12

/* PostgREST answers SQLSTATE PTnnn with HTTP status nnn. */
#define ERRCODE_PI_NOT_FOUND	MAKE_SQLSTATE('P','T','4','0','4')

/* Settings, defined and documented in program_invitations.c. */
extern char *pi_redirect_hosts;
extern int	pi_max_metadata_bytes;
extern int	pi_max_page_size;
extern int	pi_max_bulk_items;
extern char *pi_page_url;

#endif							/* PROGRAM_INVITATIONS_H */
