package platformdb.security.performance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One hot read measured before and after another batch of other owners' rows doubled every table. A policy that
 * serves the caller from an index touches the same pages either way (the caller's rows did not change); one that
 * reads other owners' rows touches about twice as many.
 */
record ReadAtTwoScales(ReadCost before, ReadCost doubled) {

    /**
     * Doubling other owners' rows doubles whatever a read does in proportion to them; what it does for the
     * caller's rows alone stays put, up to a B-tree level more. 1.5x lies between the two.
     */
    static final double MAX_GROWTH = 1.5;

    String read() {
        return before.read();
    }

    double growth() {
        return (double) doubled.userRun().sharedBuffers() / Math.max(1, before.userRun().sharedBuffers());
    }

    /** The faults at either scale, and growth with other owners' rows. */
    List<String> faults() {
        LinkedHashSet<String> faults = new LinkedHashSet<>();
        before.faults().forEach(fault -> faults.add(fault + " (1 batch)"));
        doubled.faults().forEach(fault -> faults.add(fault + " (2 batches)"));
        if (growth() > MAX_GROWTH) {
            faults.add(String.format(Locale.ROOT, "%s: as authenticated the read touched %d shared buffers, %.2fx the %d it touched before other owners' rows doubled, above %.1fx: it reads other owners' rows",
                    read(), doubled.userRun().sharedBuffers(), growth(), before.userRun().sharedBuffers(), MAX_GROWTH));
        }
        return new ArrayList<>(faults);
    }

    String reportLine() {
        String line = String.format(Locale.ROOT, "%s | pages as authenticated after doubling %d = %.2fx (limit %.1fx) | %s",
                before.reportLine().lines().findFirst().orElseThrow().replaceFirst(" \\| (OK|FAULT)$", ""),
                doubled.userRun().sharedBuffers(), growth(), MAX_GROWTH, faults().isEmpty() ? "OK" : "FAULT");
        return faults().isEmpty() ? line : line + "\n    " + String.join("\n    ", faults());
    }
}
