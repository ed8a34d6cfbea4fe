-- Several application instances drain one outbox. An instance claims the head row of a pathway before it
-- sends it (claimed_by, until claimed_until); nobody else takes that row while the claim holds. Delivery or a
-- failure ends the claim; a killed instance's claims lapse at claimed_until and another instance takes over.
-- A delivered row keeps claimed_by: the instance that delivered it.
alter table outbox add column claimed_by    text,
                   add column claimed_until timestamptz;
