-- Whether the invitation's language is the tenant's own, from the register (true), or the consultation's first
-- language because the register gave none the consultation has (false). The respondent API puts the register's
-- language before the browser's (an Arabic reader whose phone is set to Dutch reads Arabic), and the browser's before
-- the consultation's default. Invitations made before this column are false: they keep following the browser first.
ALTER TABLE invitation ADD COLUMN language_from_register BOOLEAN NOT NULL DEFAULT false;
