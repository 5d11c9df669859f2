package org.fedledger.adversary;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.Conduct;
import org.fedledger.participant.Trainer;

/**
 * The misbehaviours FedLedger is tested and benchmarked against, each made of one class: what
 * a participant running it trains ({@link Trainer}) and how it acts in the protocol
 * ({@link Conduct}). The consequence the protocol has for each is in docs/economics.md.
 */
public enum Attack {
    SIGN_FLIP("sign-flip", "trains, then submits the global model moved 4x its step the other way"),
    BOOST("boost", "trains, then submits the global model moved 10x its step"),
    LABEL_FLIP("label-flip", "trains on its data with every label c replaced by (classes - 1 - c)"),
    NOISE("noise", "does not train; submits the global model plus Gaussian noise"),
    FREE_RIDE("free-ride", "does not train; resubmits the global model unchanged"),
    COPY("copy", "does not train; resubmits another participant's update of the previous round"),
    NO_SHOW("no-show", "joins, then never commits"),
    NO_REVEAL("no-reveal", "trains and commits, then never reveals"),
    FORGE_VOTE("forge-vote", "trains honestly, then votes for a forged outcome that pays it everything"),
    MALFORMED("malformed", "publishes bytes that are not a weight file as its update"),
    OVERSIZE("oversize", "publishes a weight file four times the model's size as its update"),
    COLLUDE("collude", "with the other colluders, submits near-identical updates that undo the last round x3");

    /** Noise per weight of {@link #NOISE}: about the size of an honest step of the MLP (measured). */
    static final double NOISE_SIGMA = 0.003;
    /** How far {@link #COLLUDE} pushes back the last round's step. */
    static final float COLLUSION_SCALE = 3f;

    private final String id;
    private final String description;

    Attack(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** What a participant needs to run an attack beside its honest trainer. */
    public record Context(String account, TaskEvents events, ModelStore models, long seed, long groupSeed) {
        public Context {
            requireNonNull(account, "account == null");
        }
    }

    /** A participant's behaviour: what it trains and how it acts. */
    public record Behaviour(Trainer trainer, Conduct conduct) {
        public Behaviour {
            requireNonNull(trainer, "trainer == null");
            requireNonNull(conduct, "conduct == null");
        }
    }

    /** The id used on the command line, e.g. {@code sign-flip}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether the attack is on the model (a valid file with a bad update) rather than on the protocol's steps. */
    public boolean poisonsModel() {
        return switch (this) {
            case SIGN_FLIP, BOOST, LABEL_FLIP, NOISE, FREE_RIDE, COPY, COLLUDE -> true;
            case NO_SHOW, NO_REVEAL, FORGE_VOTE, MALFORMED, OVERSIZE -> false;
        };
    }

    /**
     * Whether a participant running this attack takes the protocol's step in {@code phase}
     * (commits, reveals or votes, well or badly) when it can. Only the no-show and the
     * no-reveal deliberately leave a step out; a driver that cuts phases short must wait for
     * every other attacker as it waits for honest participants, or it punishes slowness, not the attack.
     */
    public boolean takesStep(TaskPhase phase) {
        requireNonNull(phase, "phase == null");
        return switch (this) {
            case NO_SHOW -> false;
            case NO_REVEAL -> phase == TaskPhase.COMMIT;
            default -> true;
        };
    }

    /** This attack's behaviour for a participant whose honest trainer is {@code honest}. */
    public Behaviour behaviour(Trainer honest, Context context) {
        requireNonNull(honest, "honest == null");
        requireNonNull(context, "context == null");
        return switch (this) {
            case SIGN_FLIP -> new Behaviour(ScaledUpdate.signFlip(honest), Conduct.HONEST);
            case BOOST -> new Behaviour(ScaledUpdate.boost(honest), Conduct.HONEST);
            case LABEL_FLIP -> new Behaviour(new LabelFlip(honest), Conduct.HONEST);
            case NOISE -> new Behaviour(new NoiseUpdate(NOISE_SIGMA, context.seed()), Conduct.HONEST);
            case FREE_RIDE -> new Behaviour(new FreeRide(), Conduct.HONEST);
            case COPY -> new Behaviour(new CopyUpdate(requireNonNull(context.events(), "events == null"),
                    requireNonNull(context.models(), "models == null"), context.account()), Conduct.HONEST);
            case NO_SHOW -> new Behaviour(honest, new Absent());
            case NO_REVEAL -> new Behaviour(honest, new Silent());
            case FORGE_VOTE -> new Behaviour(honest, new ForgedVote(context.account()));
            case MALFORMED -> new Behaviour(honest, BadFile.malformed());
            case OVERSIZE -> new Behaviour(honest, BadFile.oversize());
            case COLLUDE -> new Behaviour(new Collusion(context.groupSeed(), context.seed(), COLLUSION_SCALE),
                    Conduct.HONEST);
        };
    }

    /**
     * The attack with id {@code id}.
     *
     * @throws IllegalArgumentException listing the ids if there is none
     */
    public static Attack parse(String id) {
        requireNonNull(id, "id == null");
        for (Attack attack : values()) {
            if (attack.id.equals(id.strip())) {
                return attack;
            }
        }
        throw new IllegalArgumentException("unknown attack '" + id + "': use one of " + ids());
    }

    /** All ids, comma-separated, for messages and help. */
    public static String ids() {
        return Arrays.stream(values()).map(Attack::id).collect(Collectors.joining(", "));
    }
}
