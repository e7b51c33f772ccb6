package platformdb.drift;

/**
 * One way the live database differs from what the changelog produces for its history.
 *
 * @param kind      what kind of difference
 * @param object    the catalog entry's key ("policy public.customers.customers_select_own")
 * @param expected  what the changelog says (null when it has no such object)
 * @param found     what the database has (null when it lacks the object)
 * @param changeSet the changeset that last defined the object (for an unexpected part, the one that created its owner);
 *                  null for an object the changelog does not know
 * @param accepted  the reason a reviewed file of accepted differences gives for living with it, or null
 */
public record Difference(Kind kind, String object, String expected, String found, String changeSet, String accepted) {

    public enum Kind {
        /** The changelog has the object; the database lacks it. */
        MISSING("missing"),
        /** Both have it, defined differently. */
        CHANGED("changed"),
        /** The database has an extra part (a column, an index, a policy, a grant) on an object the changelog owns. */
        UNEXPECTED("unexpected"),
        /** An object the changelog does not know at all (a table, a function, an extension a team added). */
        UNKNOWN("unknown to the changelog");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Difference accept(String reason) {
        return new Difference(kind, object, expected, found, changeSet, reason);
    }

    /** Whether this difference makes the check fail: drift not accepted; unknown objects only when asked. */
    public boolean fails(boolean failOnUnknown) {
        return accepted == null && (kind != Kind.UNKNOWN || failOnUnknown);
    }
}
