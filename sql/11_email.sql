-- 11_email: which addresses create_invitation takes as email, by the
-- rules of the local part (dot-atom, no quoting or specials, Unicode
-- letters, marks and digits), the domain (labels, hyphens, digits, no IP
-- literals) and the length limits (22023, not 54000), and that an email
-- is stored as given after trimming and NFC.
\set VERBOSITY terse
-- 'ok', or the SQLSTATE of creating an invitation for that address.
CREATE FUNCTION pg_temp.email_outcome(address text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM program_invitations.create_invitation('acme+data',
                                                  email => address);
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
-- Rows made here are removed at the end.
SELECT coalesce(max(id), 0) AS first_id FROM program_invitations.invitations \gset

-- The local part.
SELECT what, expected, pg_temp.email_outcome(address) AS got
  FROM (VALUES
    ('one character', 'ok', 'x@example.com'),
    ('dots inside', 'ok', 'first.middle.last@example.com'),
    ('dot first', '22023', '.first@example.com'),
    ('dot last', '22023', 'last.@example.com'),
    ('dots doubled', '22023', 'a..b@example.com'),
    ('every RFC 5322 special', 'ok', $$!#$%&'*+/=?^_`{|}~-@example.com$$),
    ('specials between letters', 'ok', $$a!b#c$d%e&f'g*h+i/j=k?l^m_n`o{p|q}r~s-t@example.com$$),
    ('upper case', 'ok', 'UPPER.Case@EXAMPLE.COM'),
    ('quoted', '22023', '"quoted"@example.com'),
    ('quoted with a space', '22023', '"a b"@example.com'),
    ('quoted with an escape', '22023', '"a\"b"@example.com'),
    ('backslash', '22023', 'a\b@example.com'),
    ('double quote', '22023', 'a"b@example.com'),
    ('opening parenthesis', '22023', 'a(b@example.com'),
    ('closing parenthesis', '22023', 'a)b@example.com'),
    ('comment', '22023', 'ab(comment)@example.com'),
    ('comma', '22023', 'a,b@example.com'),
    ('colon', '22023', 'a:b@example.com'),
    ('semicolon', '22023', 'a;b@example.com'),
    ('less-than', '22023', 'a<b@example.com'),
    ('greater-than', '22023', 'a>b@example.com'),
    ('opening bracket', '22023', 'a[b@example.com'),
    ('closing bracket', '22023', 'a]b@example.com'),
    ('angle-bracketed address', '22023', '<ab@example.com>'),
    ('display name', '22023', 'Ann <ab@example.com>'),
    ('Latin letters with accents', 'ok', 'ünïcødé@example.com'),
    ('Cyrillic letters', 'ok', 'пользователь@example.com'),
    ('Han characters', 'ok', '用户@example.com'),
    ('Devanagari digits', 'ok', U&'\0967\0968\0969@example.com'),
    ('a mark inside a part', 'ok', U&'ab\0332c@example.com'),
    ('a mark first', '22023', U&'\0332abc@example.com'),
    ('a mark first after a dot', '22023', U&'ab.\0332c@example.com'),
    ('section sign (punctuation)', '22023', 'a§b@example.com'),
    ('emoji', '22023', U&'a\+01F600b@example.com'),
    ('space inside', '22023', 'a b@example.com'),
    ('tab inside', '22023', E'a\tb@example.com'),
    ('no-break space inside', '22023', U&'a\00A0b@example.com'),
    ('zero-width space inside', '22023', U&'a\200Bb@example.com'),
    ('bidi override inside', '22023', U&'a\202Eb@example.com'),
    ('private-use character inside', '22023', U&'a\E000b@example.com'),
    ('C0 control inside', '22023', E'a\x01b@example.com'),
    ('DEL inside', '22023', E'a\x7Fb@example.com'),
    ('C1 control inside', '22023', U&'a\0085b@example.com'),
    ('no-break space before (not trimmed)', '22023', U&'\00A0ab@example.com'),
    ('byte order mark before (not trimmed)', '22023', U&'\FEFFab@example.com'),
    ('soft hyphen inside', '22023', U&'a\00ADb@example.com'),
    ('ASCII white space around (trimmed)', 'ok', E' \t\nab@example.com\r\f\x0B ')
  ) AS t(what, expected, address);

-- The "@".
SELECT what, expected, pg_temp.email_outcome(address) AS got
  FROM (VALUES
    ('no @', '22023', 'example.com'),
    ('two @', '22023', 'a@b@example.com'),
    ('empty local part', '22023', '@example.com'),
    ('empty domain', '22023', 'ab@'),
    ('only @', '22023', '@'),
    ('fullwidth @ instead of @', '22023', U&'ab\FF20example.com'),
    ('fullwidth @ in the local part', '22023', U&'a\FF20b@example.com'),
    ('fullwidth @ in the domain', '22023', U&'ab@exa\FF20mple.com'),
    ('two addresses', '22023', 'a@example.com,b@example.com')
  ) AS t(what, expected, address);

-- The domain.
SELECT what, expected, pg_temp.email_outcome(address) AS got
  FROM (VALUES
    ('two one-letter labels', 'ok', 'x@a.b'),
    ('hyphen inside a label', 'ok', 'x@ex-ample.co-op'),
    ('hyphen first in a label', '22023', 'x@-example.com'),
    ('hyphen last in a label', '22023', 'x@example-.com'),
    ('hyphen first in the last label', '22023', 'x@example.-com'),
    ('hyphen last in the last label', '22023', 'x@example.com-'),
    ('label of one hyphen', '22023', 'x@-.com'),
    ('single label', '22023', 'x@example'),
    ('localhost', '22023', 'x@localhost'),
    ('dot first', '22023', 'x@.example.com'),
    ('dot last', '22023', 'x@example.com.'),
    ('dots doubled', '22023', 'x@example..com'),
    ('underscore', '22023', 'x@ex_ample.com'),
    ('other ASCII punctuation', '22023', 'x@exa!mple.com'),
    ('space inside', '22023', 'x@exa mple.com'),
    ('zero-width space inside', '22023', U&'x@exa\200Bmple.com'),
    ('no-break space inside', '22023', U&'x@exa\00A0mple.com'),
    ('all-digit labels before the last', 'ok', 'x@123.456.example'),
    ('last label with a digit', 'ok', 'x@example.c0m'),
    ('last label all digits', '22023', 'x@example.123'),
    ('IPv4 address', '22023', 'x@192.0.2.1'),
    ('IPv4 literal', '22023', 'x@[192.0.2.1]'),
    ('IPv6 literal', '22023', 'x@[IPv6:2001:db8::1]'),
    ('Unicode letters', 'ok', 'x@bücher.de'),
    ('Cyrillic labels', 'ok', 'x@пример.рф'),
    ('Han labels', 'ok', 'x@例子.广告'),
    ('fullwidth Latin letters', 'ok', 'x@ｅｘａｍｐｌｅ.com'),
    ('xn-- form', 'ok', 'x@xn--bcher-kva.de'),
    ('Arabic-Indic digits in a label', 'ok', U&'x@\0661\0662\0663.example'),
    ('Arabic-Indic digits with letters', 'ok', U&'x@mail\0661.example'),
    ('last label all Arabic-Indic digits', '22023', U&'x@example.\0661\0662'),
    ('superscript two (not a decimal digit)', '22023', 'x@a².example'),
    ('a mark inside a label', 'ok', U&'x@ex\0332ample.com'),
    ('a mark first in the domain', '22023', U&'x@\0332example.com'),
    ('a mark first in the last label', '22023', U&'x@example.\0332com')
  ) AS t(what, expected, address);

-- Lengths, in bytes of the UTF-8 form after trimming and NFC.
SELECT what, expected, pg_temp.email_outcome(address) AS got
  FROM (VALUES
    ('local part of 64 bytes', 'ok', repeat('a', 64) || '@example.com'),
    ('local part of 65 bytes', '22023', repeat('a', 65) || '@example.com'),
    ('local part of 32 two-byte letters', 'ok', repeat('é', 32) || '@example.com'),
    ('local part of 33 characters, 65 bytes', '22023', 'a' || repeat('é', 32) || '@example.com'),
    ('local part of 64 bytes once in NFC', 'ok', repeat(U&'e\0301', 32) || '@example.com'),
    ('local part of 66 bytes once in NFC', '22023', repeat(U&'e\0301', 33) || '@example.com'),
    ('label of 63 bytes', 'ok', 'x@' || repeat('a', 63) || '.com'),
    ('label of 64 bytes', '22023', 'x@' || repeat('a', 64) || '.com'),
    ('last label of 63 bytes', 'ok', 'x@example.' || repeat('a', 63)),
    ('last label of 64 bytes', '22023', 'x@example.' || repeat('a', 64)),
    ('label of 63 bytes, 32 characters', 'ok', 'x@' || repeat('é', 31) || 'a.com'),
    ('label of 64 bytes, 32 characters', '22023', 'x@' || repeat('é', 32) || '.com'),
    ('address of 254 bytes', 'ok',
     repeat('a', 64) || '@' || repeat('b', 63) || '.' || repeat('c', 63) || '.' || repeat('d', 61)),
    ('address of 255 bytes', '22023',
     repeat('a', 64) || '@' || repeat('b', 63) || '.' || repeat('c', 63) || '.' || repeat('d', 62)),
    ('address of 254 bytes inside white space', 'ok',
     '  ' || repeat('a', 64) || '@' || repeat('b', 63) || '.' || repeat('c', 63) || '.' || repeat('e', 61) || E'\n')
  ) AS t(what, expected, address);

-- Stored as given: case kept, white space trimmed, NFC.
SELECT email
  FROM program_invitations.create_invitation('acme+data',
       email => E' \tMixed.Case@Example.COM\n');
SELECT email, octet_length(email) AS bytes
  FROM program_invitations.create_invitation('acme+data',
       email => U&'Zoe\0308@Bu\0308cher.example');

-- The message names the parameter and quotes the value.
SELECT program_invitations.create_invitation('acme+data', email => 'a..b@example.com');
SELECT program_invitations.create_invitation('acme+data', email => repeat('a', 65) || '@example.com');

DELETE FROM program_invitations.invitations WHERE id > :first_id;
