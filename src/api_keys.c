/*-------------------------------------------------------------------------
 *
 * api_keys.c
 *	  API keys, the seed's platform keys: making them, reading them from
 *	  a request's Authorization header, checking them.
 *
 * A key reads "pik_<16 hex digits>.<43 base64url letters>": the part
 * before the dot is its key_id, which names it afterwards; the part after
 * is the secret.  Only the SHA-256 of the secret is stored; the plaintext
 * is returned once by create_api_key and never logged or echoed, not even
 * in an error message.  Hashes are compared in constant time.
 *
 * src/api_keys.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "api_keys.h"
#include "base64url.h"
#include "program_invitations.h"
#include "query.h"

#define KEY_PREFIX			"pik_"
#define KEY_PREFIX_LEN		4
#define KEY_ID_BYTES		8
#define KEY_ID_LEN			(KEY_PREFIX_LEN + 2 * KEY_ID_BYTES)
#define SECRET_BYTES		32
#define SECRET_LEN			43	/* unpadded base64url of 32 bytes */

static PiStatement find_key_statement = {
	"SELECT k.principal, k.secret_hash, k.read_only,"
	" k.revoked IS NOT NULL,"
	" COALESCE(k.expires OPERATOR(pg_catalog.<=)"
	" pg_catalog.statement_timestamp(), false)"
	" FROM " PI_API_KEYS " k WHERE k.key_id OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

static PiStatement insert_key_statement = {
	"INSERT INTO " PI_API_KEYS " (key_id, principal, secret_hash,"
	" read_only, created, expires)"
	" VALUES ($1, $2, $3, $4, pg_catalog.statement_timestamp(), $5)",
	5, {TEXTOID, TEXTOID, BYTEAOID, BOOLOID, TIMESTAMPTZOID}
};

static PiStatement revoke_key_statement = {
	"UPDATE " PI_API_KEYS " k SET revoked = pg_catalog.statement_timestamp()"
	" WHERE k.key_id OPERATOR(pg_catalog.=) $1 AND k.revoked IS NULL",
	1, {TEXTOID}
};

/*
 * A key's last use is recorded at most once a minute, and skipped when
 * another transaction holds the key's row: calls with one key never queue
 * on each other.
 */
static PiStatement key_used_statement = {
	"UPDATE " PI_API_KEYS " k SET last_used ="
	" pg_catalog.statement_timestamp()"
	" WHERE k.key_id IN (SELECT u.key_id FROM " PI_API_KEYS " u"
	" WHERE u.key_id OPERATOR(pg_catalog.=) $1"
	" AND (u.last_used IS NULL OR u.last_used OPERATOR(pg_catalog.<)"
	" (pg_catalog.statement_timestamp() OPERATOR(pg_catalog.-)"
	" '1 minute'::pg_catalog.interval))"
	" FOR UPDATE SKIP LOCKED)",
	1, {TEXTOID}
};

/* KeyRefused refuses a request's API key, SQLSTATE 42501. */
static void
KeyRefused(const char *message, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg_internal("%s", message),
			 errdetail_internal("%s", detail),
			 errhint("Send \"Authorization: Api-Key <key>\" with a key "
					 "from create_api_key.")));
}

/* HashSecret sets hash to the SHA-256 of secret. */
static void
HashSecret(const char *secret, uint8 hash[PG_SHA256_DIGEST_LENGTH])
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) secret,
							 strlen(secret)) < 0 ||
		pg_cryptohash_final(ctx, hash, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "could not hash an API key: %s",
			 pg_cryptohash_error(ctx));
	pg_cryptohash_free(ctx);
}

/*
 * PiKeyFromAuthorization returns the API key an Authorization header
 * carries, or NULL when it carries none.  "Api-Key <key>" always means a
 * key, well-formed or not; "Token <token>" and "Bearer <token>" mean one
 * only when the token has this extension's prefix, since other systems
 * use those schemes for their own tokens (PostgREST reads bearer tokens as
 * JWTs).  Schemes are case-insensitive.
 */
char *
PiKeyFromAuthorization(const char *authorization)
{
	const char *p = authorization;
	size_t		scheme_len;
	const char *rest;

	while (*p == ' ' || *p == '\t')
		p++;
	scheme_len = strcspn(p, " \t");
	rest = p + scheme_len;
	while (*rest == ' ' || *rest == '\t')
		rest++;

	if (scheme_len == 7 && pg_strncasecmp(p, "api-key", 7) == 0)
		return pstrdup(rest);
	if (((scheme_len == 5 && pg_strncasecmp(p, "token", 5) == 0) ||
		 (scheme_len == 6 && pg_strncasecmp(p, "bearer", 6) == 0)) &&
		strncmp(rest, KEY_PREFIX, KEY_PREFIX_LEN) == 0)
		return pstrdup(rest);
	return NULL;
}

/*
 * WellFormed is true when key reads "pik_<16 hex>.<43 base64url>", and
 * then points *secret at its secret.
 */
static bool
WellFormed(const char *key, const char **secret)
{
	int			i;
	size_t		len = strlen(key);

	if (len != KEY_ID_LEN + 1 + SECRET_LEN ||
		strncmp(key, KEY_PREFIX, KEY_PREFIX_LEN) != 0 ||
		key[KEY_ID_LEN] != '.')
		return false;
	for (i = KEY_PREFIX_LEN; i < KEY_ID_LEN; i++)
		if (!((key[i] >= '0' && key[i] <= '9') ||
			  (key[i] >= 'a' && key[i] <= 'f')))
			return false;
	for (i = KEY_ID_LEN + 1; i < (int) len; i++)
		if (!PiIsBase64UrlChar(key[i]))
			return false;
	*secret = key + KEY_ID_LEN + 1;
	return true;
}

/*
 * PiCheckApiKey checks a key a request carries and sets *owner to what it
 * grants.  A malformed, unknown, revoked or expired key is 42501: a key
 * that does not check out never falls through to another identity.  With
 * record_use (a writing call) in a READ COMMITTED read-write transaction,
 * the key's last use is recorded; readers have no side effects.  Must be
 * called inside an SPI connection, as the owner.
 */
void
PiCheckApiKey(const char *key, bool record_use, PiKeyOwner *owner)
{
	const char *secret;
	char	   *key_id;
	Datum		values[1];
	char		nulls[1] = {' '};
	HeapTuple	row = NULL;
	TupleDesc	desc = NULL;
	bool		isnull;
	bytea	   *stored;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	uint8		difference = 0;
	int			i;
	int			rc;

	if (!WellFormed(key, &secret))
		KeyRefused("invalid API key",
				   "The Authorization header does not hold a key of this "
				   "API.");
	key_id = pnstrdup(key, KEY_ID_LEN);

	/* The latest snapshot: a revoke committed a moment ago counts. */
	values[0] = CStringGetTextDatum(key_id);
	rc = SPI_execute_snapshot(PiStatementPlan(&find_key_statement), values,
							  nulls, GetLatestSnapshot(), InvalidSnapshot,
							  false, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up an API key failed: %s",
			 SPI_result_code_string(rc));

	/* Hash even when the key is unknown, so timing tells nothing. */
	HashSecret(secret, hash);
	if (SPI_processed == 1)
	{
		row = SPI_tuptable->vals[0];
		desc = SPI_tuptable->tupdesc;
		stored = DatumGetByteaPP(SPI_getbinval(row, desc, 2, &isnull));
		if (VARSIZE_ANY_EXHDR(stored) != PG_SHA256_DIGEST_LENGTH)
			difference = 1;
		else
			for (i = 0; i < PG_SHA256_DIGEST_LENGTH; i++)
				difference |= hash[i] ^
					((const uint8 *) VARDATA_ANY(stored))[i];
	}
	if (SPI_processed != 1 || difference != 0)
		KeyRefused("invalid API key", "No such key exists.");

	if (DatumGetBool(SPI_getbinval(row, desc, 4, &isnull)))
		KeyRefused("API key has been revoked",
				   "A revoked key no longer identifies anyone.");
	if (DatumGetBool(SPI_getbinval(row, desc, 5, &isnull)))
		KeyRefused("API key has expired",
				   "An expired key no longer identifies anyone.");

	owner->key_id = key_id;
	owner->principal = TextDatumGetCString(SPI_getbinval(row, desc, 1,
														 &isnull));
	owner->read_only = DatumGetBool(SPI_getbinval(row, desc, 3, &isnull));

	/*
	 * Only at READ COMMITTED: under REPEATABLE READ a concurrent record of
	 * the same key would fail this whole call with a serialization error.
	 */
	if (record_use && !XactReadOnly && !IsolationUsesXactSnapshot())
	{
		rc = SPI_execute_plan(PiStatementPlan(&key_used_statement), values,
							  nulls, false, 0);
		if (rc != SPI_OK_UPDATE)
			elog(ERROR, "recording an API key's use failed: %s",
				 SPI_result_code_string(rc));
	}
}

/*
 * PiCreateApiKey makes a key for principal, stores the hash of its secret
 * and returns the whole key, the only time it is ever shown.  Must be
 * called inside an SPI connection, as the owner.
 */
char *
PiCreateApiKey(const char *principal, bool read_only, bool has_expires,
			   TimestampTz expires)
{
	uint8		id_bytes[KEY_ID_BYTES];
	char		secret_bytes[SECRET_BYTES];
	char		key_id[KEY_ID_LEN + 1];
	char	   *secret;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	bytea	   *stored;
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	int			i;
	int			rc;

	if (!pg_strong_random(id_bytes, sizeof(id_bytes)) ||
		!pg_strong_random(secret_bytes, sizeof(secret_bytes)))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate random bytes for an API key")));

	memcpy(key_id, KEY_PREFIX, KEY_PREFIX_LEN);
	for (i = 0; i < KEY_ID_BYTES; i++)
		snprintf(key_id + KEY_PREFIX_LEN + 2 * i, 3, "%02x", id_bytes[i]);
	secret = PiBase64UrlEncode(secret_bytes, SECRET_BYTES);
	HashSecret(secret, hash);

	stored = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	SET_VARSIZE(stored, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(stored), hash, PG_SHA256_DIGEST_LENGTH);

	values[0] = CStringGetTextDatum(key_id);
	values[1] = CStringGetTextDatum(principal);
	values[2] = PointerGetDatum(stored);
	values[3] = BoolGetDatum(read_only);
	values[4] = TimestampTzGetDatum(expires);
	nulls[4] = has_expires ? ' ' : 'n';
	rc = SPI_execute_plan(PiStatementPlan(&insert_key_statement), values,
						  nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "storing an API key failed: %s",
			 SPI_result_code_string(rc));

	explicit_bzero(secret_bytes, sizeof(secret_bytes));
	return psprintf("%s.%s", key_id, secret);
}

/*
 * PiRevokeApiKey revokes a key by its key_id; false when there is no such
 * key or it was revoked already.  Must be called inside an SPI connection,
 * as the owner.
 */
bool
PiRevokeApiKey(const char *key_id)
{
	Datum		values[1];
	char		nulls[1] = {' '};
	int			rc;

	values[0] = CStringGetTextDatum(key_id);
	rc = SPI_execute_plan(PiStatementPlan(&revoke_key_statement), values,
						  nulls, false, 0);
	if (rc != SPI_OK_UPDATE)
		elog(ERROR, "revoking an API key failed: %s",
			 SPI_result_code_string(rc));
	return SPI_processed == 1;
}
