-- 12_redirect: which URLs create_invitation takes as redirect_to: the
-- scheme, the host (ASCII names, dotted quads, bracketed IPv6, no numeric
-- forms that browsers read as IPv4), the port, the path, query and
-- fragment (escapes, graphic characters), the length limit, the empty
-- string, no trimming or normalisation, and the allow-list of
-- program_invitations.redirect_hosts.
\set VERBOSITY terse
-- 'ok', or the SQLSTATE of creating an invitation with that redirect_to.
CREATE FUNCTION pg_temp.redirect_outcome(url text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM program_invitations.create_invitation('acme+data',
                                                  email => 'redirect@example.com',
                                                  redirect_to => url);
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
-- Rows made here are removed at the end.
SELECT coalesce(max(id), 0) AS first_id FROM program_invitations.invitations \gset

-- Scheme and the shape of the URL.
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('http', 'ok', 'http://example.com'),
    ('https with path, query and fragment', 'ok', 'https://example.com/welcome?x=1&y=2#top'),
    ('upper case scheme and host', 'ok', 'HTTPS://EXAMPLE.COM/'),
    ('mixed case scheme', 'ok', 'hTtP://example.com/'),
    ('query without a path', 'ok', 'https://example.com?next=1'),
    ('fragment without a path', 'ok', 'https://example.com#top'),
    ('javascript:', '22023', 'javascript:alert(1)'),
    ('javascript: that looks like http', '22023', 'javascript://example.com/%0Aalert(1)'),
    ('data:', '22023', 'data:text/html,<b>hi</b>'),
    ('ftp:', '22023', 'ftp://example.com/file'),
    ('scheme-relative', '22023', '//example.com/welcome'),
    ('relative path', '22023', '/welcome'),
    ('one slash', '22023', 'http:/example.com/'),
    ('no slash', '22023', 'http:example.com'),
    ('three slashes', '22023', 'http:///example.com/'),
    ('no host', '22023', 'https://'),
    ('no host, a path', '22023', 'https:///welcome'),
    ('no host, a port', '22023', 'https://:443/'),
    ('no host, a query', '22023', 'https://?x=1'),
    ('user-info', '22023', 'https://user@example.com/'),
    ('user-info with a password', '22023', 'https://user:secret@example.com/'),
    ('empty user-info', '22023', 'https://@example.com/'),
    ('user-info that looks like a host', '22023', 'https://example.com@evil.test/'),
    ('backslash in the authority', '22023', 'https://example.com\@evil.test/'),
    ('backslashes for slashes', '22023', 'https:\\example.com\'),
    ('backslash in the path', '22023', 'https://example.com/a\b'),
    ('@ in the path', 'ok', 'https://example.com/@team'),
    ('only spaces (not the empty string)', '22023', '   '),
    ('leading space (not trimmed)', '22023', ' https://example.com/'),
    ('trailing space (not trimmed)', '22023', 'https://example.com/ '),
    ('trailing LF (not trimmed)', '22023', E'https://example.com/\n'),
    ('space in the path', '22023', 'https://example.com/a b'),
    ('tab in the path', '22023', E'https://example.com/a\tb'),
    ('C0 control in the path', '22023', E'https://example.com/a\x01b'),
    ('DEL in the path', '22023', E'https://example.com/a\x7Fb'),
    ('C1 control in the path', '22023', U&'https://example.com/a\0085b'),
    ('no-break space in the path', '22023', U&'https://example.com/a\00A0b'),
    ('line separator in the path', '22023', U&'https://example.com/a\2028b'),
    ('zero-width space in the path', '22023', U&'https://example.com/a\200Bb'),
    ('bidi override in the path', '22023', U&'https://example.com/a\202Eb'),
    ('private-use character in the path', '22023', U&'https://example.com/a\E000b'),
    ('unassigned character in the path', '22023', U&'https://example.com/a\0378b'),
    ('non-ASCII path', 'ok', 'https://example.com/café/日本?q=ü#straße'),
    ('printable ASCII punctuation', 'ok', $$https://example.com/a-._~!$&'()*+,;=:@/?<x>"y"{z}|^`[]#frag$$)
  ) AS t(what, expected, url);

-- The host.
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('localhost', 'ok', 'http://localhost/'),
    ('one label', 'ok', 'http://intranet/'),
    ('hyphen inside a label', 'ok', 'https://my-site.example-host.com/'),
    ('digits in labels', 'ok', 'https://web2.example.com/'),
    ('xn-- form', 'ok', 'https://xn--bcher-kva.de/'),
    ('label of 63 characters', 'ok', 'https://' || repeat('a', 63) || '.com/'),
    ('label of 64 characters', '22023', 'https://' || repeat('a', 64) || '.com/'),
    ('hyphen first in a label', '22023', 'https://-example.com/'),
    ('hyphen last in a label', '22023', 'https://example-.com/'),
    ('dot first', '22023', 'https://.example.com/'),
    ('dots doubled', '22023', 'https://example..com/'),
    ('dot last', '22023', 'https://example.com./'),
    ('underscore', '22023', 'https://ex_ample.com/'),
    ('non-ASCII host', '22023', 'https://bücher.de/'),
    ('Cyrillic look-alike letter', '22023', 'https://exаmple.com/'),
    ('fullwidth host', '22023', 'https://ｅｘａｍｐｌｅ.com/'),
    ('fullwidth dot', '22023', U&'https://example\FF0Ecom/'),
    ('escape in the host', '22023', 'https://exa%6Dple.com/'),
    ('dotted quad', 'ok', 'http://192.0.2.1/'),
    ('dotted quad of zeros', 'ok', 'http://0.0.0.0/'),
    ('dotted quad, largest', 'ok', 'http://255.255.255.255:8080/'),
    ('hex IPv4 form', '22023', 'http://0x7f.1/'),
    ('hex IPv4 form, one part', '22023', 'http://0x7f/'),
    ('hex IPv4 form, last part', '22023', 'http://127.0x1/'),
    ('hex IPv4 form, every part', '22023', 'http://0x7f.0x0.0x0.0x1/'),
    ('one decimal number', '22023', 'http://2130706433/'),
    ('two parts', '22023', 'http://127.1/'),
    ('three parts', '22023', 'http://127.0.1/'),
    ('five parts', '22023', 'http://1.2.3.4.5/'),
    ('leading zero', '22023', 'http://01.2.3.4/'),
    ('octal form', '22023', 'http://0177.0.0.1/'),
    ('part over 255', '22023', 'http://256.1.1.1/'),
    ('part of four digits', '22023', 'http://1.2.3.1000/'),
    ('dotted quad and a dot', '22023', 'http://192.0.2.1./'),
    ('last label all digits', '22023', 'http://example.123/'),
    ('IPv6 loopback', 'ok', 'http://[::1]/'),
    ('IPv6 with a port', 'ok', 'http://[2001:db8::1]:8443/x'),
    ('IPv4-mapped IPv6', 'ok', 'http://[::ffff:192.0.2.1]/'),
    ('IPv6 with a zone', '22023', 'http://[fe80::1%eth0]/'),
    ('IPv6 with an escaped zone', '22023', 'http://[fe80::1%25eth0]/'),
    ('IPv4 in brackets', '22023', 'http://[192.0.2.1]/'),
    ('not hex in brackets', '22023', 'http://[zz]/'),
    ('empty brackets', '22023', 'http://[]/'),
    ('two double colons', '22023', 'http://[1::2::3]/'),
    ('bracket not closed', '22023', 'http://[::1/'),
    ('text after the bracket', '22023', 'http://[::1]x/'),
    ('IPv6 without brackets', '22023', 'http://::1/')
  ) AS t(what, expected, url);

-- The port.
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('port 1', 'ok', 'https://example.com:1/'),
    ('port 65535', 'ok', 'https://example.com:65535/'),
    ('port without a path', 'ok', 'https://example.com:8443'),
    ('port 0', '22023', 'https://example.com:0/'),
    ('port 65536', '22023', 'https://example.com:65536/'),
    ('port 99999', '22023', 'https://example.com:99999/'),
    ('bare colon', '22023', 'https://example.com:/'),
    ('bare colon at the end', '22023', 'https://example.com:'),
    ('signed port', '22023', 'https://example.com:+443/'),
    ('negative port', '22023', 'https://example.com:-1/'),
    ('port with a letter', '22023', 'https://example.com:44a/'),
    ('two ports', '22023', 'https://example.com:443:443/'),
    ('IPv6 port 0', '22023', 'http://[::1]:0/')
  ) AS t(what, expected, url);

-- Percent-escapes in the path, query and fragment.
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('%20', 'ok', 'https://example.com/a%20b'),
    ('%2F and %3f', 'ok', 'https://example.com/a%2Fb?c=%3f'),
    ('%25', 'ok', 'https://example.com/100%25'),
    ('%80 and above', 'ok', 'https://example.com/caf%C3%A9'),
    ('%00', '22023', 'https://example.com/a%00b'),
    ('%0A in the query', '22023', 'https://example.com/?a=%0A'),
    ('%1F', '22023', 'https://example.com/a%1Fb'),
    ('%1f', '22023', 'https://example.com/a%1fb'),
    ('%7F', '22023', 'https://example.com/a%7Fb'),
    ('%0d in the fragment', '22023', 'https://example.com/#a%0d'),
    ('% alone', '22023', 'https://example.com/100%'),
    ('% and one hex digit', '22023', 'https://example.com/a%2'),
    ('% and not hex', '22023', 'https://example.com/a%zz'),
    ('% and one hex digit, then text', '22023', 'https://example.com/a%2x')
  ) AS t(what, expected, url);

-- The length limit is 2048 characters, over it 54000.
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('2048 characters', 'ok', 'https://example.com/' || repeat('a', 2028)),
    ('2049 characters', '54000', 'https://example.com/' || repeat('a', 2029)),
    ('2048 characters of up to 2 bytes', 'ok', 'https://example.com/' || repeat('é', 2028)),
    ('2049 characters of up to 2 bytes', '54000', 'https://example.com/' || repeat('é', 2029))
  ) AS t(what, expected, url);

-- The empty string counts as NULL.
SELECT redirect_to IS NULL AS no_redirect, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'redirect.empty@example.com', redirect_to => '');
-- Neither trimmed nor normalised: stored exactly as given.
SELECT redirect_to = U&'HTTPS://Example.COM/cafe\0301' AS as_given,
       redirect_to = normalize(redirect_to, NFC) AS nfc,
       octet_length(redirect_to) AS bytes
  FROM program_invitations.create_invitation('acme+data',
       email => 'redirect.raw@example.com',
       redirect_to => U&'HTTPS://Example.COM/cafe\0301');

-- With program_invitations.redirect_hosts, only those hosts and their
-- subdomains.
SET program_invitations.redirect_hosts = 'example.com, example.org';
SELECT what, expected, pg_temp.redirect_outcome(url) AS got
  FROM (VALUES
    ('listed host', 'ok', 'https://example.com/'),
    ('other listed host, with a port', 'ok', 'https://example.org:8443/x'),
    ('subdomain', 'ok', 'https://sub.example.com/'),
    ('subdomain of a subdomain', 'ok', 'https://a.b.example.org/'),
    ('listed host in upper case', 'ok', 'https://EXAMPLE.COM/'),
    ('same suffix, other name', '22023', 'https://notexample.com/'),
    ('listed host as a prefix', '22023', 'https://example.com.evil.test/'),
    ('other host', '22023', 'https://example.net/'),
    ('listed host in the query', '22023', 'https://evil.test/?next=example.com'),
    ('listed host in the path', '22023', 'https://evil.test/example.com'),
    ('localhost', '22023', 'http://localhost/'),
    ('dotted quad', '22023', 'http://192.0.2.1/'),
    ('IPv6', '22023', 'http://[::1]/')
  ) AS t(what, expected, url);
-- No redirect_to, nothing to check.
SELECT redirect_to IS NULL AS no_redirect
  FROM program_invitations.create_invitation('acme+data',
       email => 'redirect.none@example.com');
RESET program_invitations.redirect_hosts;

-- The message names the parameter and quotes the value.
SELECT program_invitations.create_invitation('acme+data', email => 'x@example.com',
       redirect_to => 'javascript:alert(1)');
SELECT program_invitations.create_invitation('acme+data', email => 'x@example.com',
       redirect_to => 'https://example.com/' || repeat('a', 2029));

DELETE FROM program_invitations.invitations WHERE id > :first_id;
