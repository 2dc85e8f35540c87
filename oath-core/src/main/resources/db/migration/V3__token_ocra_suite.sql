-- An OCRA token's RFC 6287 suite, e.g. OCRA-1:HOTP-SHA1-6:QN08 (the longest suites RFC 6287
-- allows, such as OCRA-1:HOTP-SHA512-8:C-QH64-PSHA512-S512-T48H, fit in 64 characters).
-- NULL for every other kind of token.
ALTER TABLE tokens ADD COLUMN ocra_suite VARCHAR(64);
