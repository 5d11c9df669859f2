package org.fedledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.fedledger.adversary.Attack;
import org.fedledger.bench.RobustnessBenchmark.Cell;
import org.fedledger.bench.RobustnessBenchmark.Report;
import org.fedledger.bench.RobustnessBenchmark.Settings;

/**
 * The robustness matrix as markdown, and the merge of runs that each measured a slice of it.
 *
 * <p>The tables: the baselines; per attacker fraction, attack x rule with the final accuracy and
 * its drop (means over seeds); per rule, every figure of every attack and fraction. An attacker
 * slash count below 0 means unknown (a cell rebuilt from a run's progress lines) and is left blank.
 */
public final class RobustnessTables {
    /** The display order of rules, by name without parameters. */
    private static final List<String> RULE_ORDER = Settings.full().rules();

    private RobustnessTables() {}

    /** Reads reports written by {@code --json} and merges them; see {@link #merge(List)}. */
    public static Report read(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Report> reports = new ArrayList<>();
        for (Path file : files) {
            try {
                reports.add(json.readValue(file.toFile(), Report.class));
            } catch (IOException e) {
                throw new IOException(file + " is not a robustness report written by --json: " + e.getMessage(), e);
            }
        }
        return merge(reports);
    }

    /**
     * One report of all cells and baselines of {@code reports}, which must share participants,
     * rounds, epochs and split. A cell measured again (same rule, attack, fraction and seed) in a
     * later report replaces the earlier one, as does a baseline (same rule and seed).
     *
     * @throws IllegalArgumentException if the reports' settings differ or there are none
     */
    public static Report merge(List<Report> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Settings first = reports.get(0).settings();
        Map<String, Cell> baselines = new LinkedHashMap<>();
        Map<String, Cell> cells = new LinkedHashMap<>();
        TreeSet<Integer> fractions = new TreeSet<>();
        TreeSet<Long> seeds = new TreeSet<>();
        TreeSet<String> rules = new TreeSet<>(Comparator.comparingInt(RobustnessTables::ruleRank));
        TreeSet<Attack> attacks = new TreeSet<>();
        double seconds = 0;
        for (Report r : reports) {
            Settings s = r.settings();
            if (s.participants() != first.participants() || s.rounds() != first.rounds()
                    || s.epochs() != first.epochs() || !s.split().equals(first.split())) {
                throw new IllegalArgumentException("cannot merge runs of different tasks: " + describe(first)
                        + " and " + describe(s));
            }
            for (Cell b : r.baselines()) {
                baselines.put(b.rule() + "|" + b.seed(), b);
                rules.add(baseName(b.rule()));
                seeds.add(b.seed());
            }
            for (Cell c : r.cells()) {
                cells.put(c.rule() + "|" + c.attack() + "|" + c.fraction() + "|" + c.seed(), c);
                rules.add(baseName(c.rule()));
                attacks.add(Attack.parse(c.attack()));
                fractions.add(c.fraction());
                seeds.add(c.seed());
            }
            seconds += r.seconds();
        }
        Settings merged = new Settings(List.copyOf(rules), List.copyOf(attacks), List.copyOf(fractions),
                List.copyOf(seeds), first.participants(), first.rounds(), first.epochs(), first.split(),
                reports.stream().anyMatch(r -> r.settings().protocolAttacksWithEveryRule()));
        return new Report(merged, sorted(baselines.values()), sorted(cells.values()), seconds);
    }

    /** The tables of {@code report}. */
    static String markdown(Report report) {
        Settings settings = report.settings();
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Robustness: %d participants x %d rounds, MLP on the MNIST subset split %s, "
                + "seeds %s%n", settings.participants(), settings.rounds(), settings.split(), settings.seeds()));
        t.append("\n### Without attackers\n\n| rule | seed | final accuracy | honest slashed |\n|---|---:|---:|---:|\n");
        for (Cell b : report.baselines()) {
            t.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %d |%n", b.rule(), b.seed(), b.finalAccuracy(),
                    b.honestSlashes()));
        }
        List<Cell> cells = sorted(report.cells());
        List<String> rules = new ArrayList<>();
        for (Cell c : sorted(concat(report.baselines(), cells))) {
            if (!rules.contains(c.rule())) {
                rules.add(c.rule());
            }
        }
        Map<String, List<Cell>> groups = RobustnessBenchmark.Report.grouped(cells);
        for (int fraction : new TreeSet<>(cells.stream().map(Cell::fraction).toList())) {
            int attackers = settings.attackersAt(fraction);
            t.append(String.format(Locale.ROOT, "%n### %d%% attackers (%d of %d)%n%n", fraction, attackers,
                    settings.participants()));
            t.append("Final accuracy (drop in points against no attack), means over seeds.\n\n| attack | ")
                    .append(String.join(" | ", rules)).append(" |\n|---|").append("---:|".repeat(rules.size()))
                    .append('\n');
            for (Attack attack : new TreeSet<>(cells.stream().map(c -> Attack.parse(c.attack())).toList())) {
                t.append("| ").append(attack.id()).append(" |");
                for (String rule : rules) {
                    List<Cell> group = groups.get(rule + "|" + attack.id() + "|" + fraction);
                    t.append(group == null ? " |" : String.format(Locale.ROOT, " %.3f (%+.1f) |",
                            mean(group, Cell::finalAccuracy), mean(group, Cell::accuracyDrop)));
                }
                t.append('\n');
            }
            t.append("| *no attack* |");
            for (String rule : rules) {
                List<Cell> base = report.baselines().stream().filter(b -> b.rule().equals(rule)).toList();
                t.append(base.isEmpty() ? " |" : String.format(Locale.ROOT, " %.3f |", mean(base, Cell::finalAccuracy)));
            }
            t.append('\n');
        }
        for (String rule : rules) {
            List<Cell> ruleCells = cells.stream().filter(c -> c.rule().equals(rule)).toList();
            if (ruleCells.isEmpty()) {
                continue;
            }
            t.append("\n### ").append(rule).append("\n\n");
            t.append("| attack | attackers | seeds | final accuracy | drop | punished | attacker slashes | honest slashed "
                    + "| attacker reward share |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (List<Cell> group : RobustnessBenchmark.Report.grouped(ruleCells).values()) {
                Cell c = group.get(0);
                boolean slashesKnown = group.stream().allMatch(g -> g.attackerSlashes() >= 0);
                t.append(String.format(Locale.ROOT, "| %s | %d%% (%d) | %d | %.4f | %+.2f | %.1f%% | %s | %d | %.2f%% |%n",
                        c.attack(), c.fraction(), c.attackers(), group.size(), mean(group, Cell::finalAccuracy),
                        mean(group, Cell::accuracyDrop), 100 * mean(group, Cell::punishedShare),
                        slashesKnown ? String.valueOf(group.stream().mapToInt(Cell::attackerSlashes).sum()) : "",
                        group.stream().mapToInt(Cell::honestSlashes).sum(), 100 * mean(group, Cell::attackerRewardShare)));
            }
        }
        t.append(String.format(Locale.ROOT, "%nPunished: attacker-rounds slashed or unpaid. Total time %.0f s%n",
                report.seconds()));
        return t.toString();
    }

    /** Rule display order, then attack order, fraction and seed. */
    private static List<Cell> sorted(java.util.Collection<Cell> cells) {
        List<Cell> list = new ArrayList<>(cells);
        list.sort(Comparator.comparingInt((Cell c) -> ruleRank(baseName(c.rule()))).thenComparing(Cell::rule)
                .thenComparingInt(c -> c.attack().equals("none") ? -1 : Attack.parse(c.attack()).ordinal())
                .thenComparingInt(Cell::fraction).thenComparingLong(Cell::seed));
        return list;
    }

    private static List<Cell> concat(List<Cell> a, List<Cell> b) {
        List<Cell> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String baseName(String ruleSpec) {
        int colon = ruleSpec.indexOf(':');
        return colon < 0 ? ruleSpec : ruleSpec.substring(0, colon);
    }

    private static int ruleRank(String name) {
        int i = RULE_ORDER.indexOf(name);
        return i < 0 ? RULE_ORDER.size() : i;
    }

    private static String describe(Settings s) {
        return s.participants() + " participants x " + s.rounds() + " rounds, " + s.epochs() + " epoch(s), split "
                + s.split();
    }

    private static double mean(List<Cell> cells, ToDoubleFunction<Cell> f) {
        return cells.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
