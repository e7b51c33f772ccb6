package platformdb.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import liquibase.changelog.ChangeSet;
import platformdb.history.Ledger;

/**
 * The History rules of changelog/README.md, for changesets that have not landed yet. A changeset that touches a
 * table of an earlier release (one that holds rows and serves traffic while the deploy runs) must be online-safe:
 * indexes built concurrently outside a transaction; foreign keys and checks added NOT VALID and validated in the
 * following changeset; no other DDL outside a transaction (no lock retries there). No new changeset writes its own
 * lock_timeout: the deploy runs every transactional changeset with a short one and retries. Changesets the ledger
 * exempts (landed before these rules) keep their checksums and are not checked.
 */
public final class HistoryLint {

    static final String EXEMPTION = " (only the changesets " + Ledger.RELATIVE_PATH + " exempts, its first"
            + " history-rules-exempt-rows rows, are not checked: they landed before these rules and keep their checksums)";

    private final List<ChangesetSql> changesets;
    private final TableReleases releases;
    private final Ledger ledger;
    private final List<String> problems = new ArrayList<>();

    private HistoryLint(List<ChangeSet> changeSets, Ledger ledger) {
        this.changesets = ChangesetSql.of(changeSets);
        this.releases = new TableReleases(changesets);
        this.ledger = ledger;
    }

    /** The problems of the changesets (in deployment order) that the ledger does not exempt. */
    public static List<String> check(List<ChangeSet> changeSets, Ledger ledger) {
        HistoryLint lint = new HistoryLint(changeSets, ledger);
        for (int i = 0; i < lint.changesets.size(); i++) {
            if (!ledger.isExemptFromHistoryRules(lint.changesets.get(i).identity())) {
                lint.check(i);
            }
        }
        return List.copyOf(lint.problems);
    }

    private void check(int position) {
        ChangesetSql changeset = changesets.get(position);
        for (SqlStatement statement : changeset.statements()) {
            if (Ddl.setsLockTimeout(statement)) {
                problem(changeset, "sets its own lock_timeout (" + statement.raw() + "); remove it: the deploy runs every"
                        + " transactional changeset with a short lock_timeout and retries with back-off");
            }
            Optional<Ddl.Index> createdIndex = Ddl.createdIndex(statement);
            if (createdIndex.isPresent()) {
                index(position, changeset, createdIndex.get());
                continue;
            }
            Ddl.alterTable(statement).ifPresent(alter -> constraints(position, changeset, alter));
            Ddl.tableOfOtherDdl(statement).ifPresent(table -> outsideTransaction(position, changeset, table, statement));
        }
    }

    private void index(int position, ChangesetSql changeset, Ddl.Index index) {
        String release = releases.earlierReleaseOf(index.table(), position);
        if (release == null) {
            return;
        }
        String subject = "index " + (index.name() == null ? "(unnamed)" : index.name()) + " on " + index.table()
                + " (a table of release " + release + ")";
        if (!index.concurrently()) {
            problem(changeset, "builds " + subject + " without CONCURRENTLY, blocking every write while it builds; build it in"
                    + " its own changeset with runInTransaction: false as `drop index concurrently if exists <name>;`"
                    + " then `create index concurrently <name> ...`");
        } else if (changeset.runInTransaction()) {
            problem(changeset, "builds " + subject + " concurrently inside a transaction, which PostgreSQL refuses;"
                    + " set runInTransaction: false on the changeset");
        }
    }

    private void constraints(int position, ChangesetSql changeset, Ddl.AlterTable alter) {
        String release = releases.earlierReleaseOf(alter.table(), position);
        if (release == null) {
            return;
        }
        for (String action : alter.actions()) {
            Optional<Ddl.AddedConstraint> added = Ddl.addedConstraint(action);
            if (added.isEmpty()) {
                continue;
            }
            Ddl.AddedConstraint constraint = added.get();
            String subject = "adds a " + constraint.kind() + " constraint " + (constraint.name() == null ? "(unnamed)" : constraint.name())
                    + " to " + alter.table() + " (a table of release " + release + ")";
            if (!constraint.notValid() || constraint.name() == null) {
                problem(changeset, subject + " that checks every row under an exclusive lock; add it named and NOT VALID"
                        + " (`alter table " + alter.table() + " add constraint <name> ... not valid`), then validate it"
                        + " in the following changeset");
            } else if (!validatedNext(position, alter.table(), constraint.name())) {
                problem(changeset, subject + " NOT VALID, but the following changeset does not validate it; make the next"
                        + " changeset `alter table " + alter.table() + " validate constraint " + constraint.name() + "`");
            }
        }
    }

    private boolean validatedNext(int position, String table, String constraint) {
        return position + 1 < changesets.size()
                && changesets.get(position + 1).statements().stream().anyMatch(next -> Ddl.validates(next, table, constraint));
    }

    private void outsideTransaction(int position, ChangesetSql changeset, String table, SqlStatement statement) {
        String release = releases.earlierReleaseOf(table, position);
        if (release != null && !changeset.runInTransaction()) {
            problem(changeset, "runs `" + statement.shortText() + "` on " + table + " (a table of release " + release
                    + ") with runInTransaction: false, where no lock retries apply and a failure leaves it half done;"
                    + " only concurrent index builds go outside a transaction: remove runInTransaction: false");
        }
    }

    private void problem(ChangesetSql changeset, String what) {
        problems.add(changeset.name() + ": " + what + EXEMPTION);
    }
}
