package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.fedledger.chain.TaskPhase;
import org.fedledger.participant.Conduct;
import org.fedledger.participant.Trainer;
import org.junit.jupiter.api.Test;

/** The attack registry: ids, which attacks poison the model, and what each one's behaviour is made of. */
class AttackTest {
    private static final String ACCOUNT = "0x00000000000000000000000000000000000000aa";
    private static final Trainer HONEST = (spec, global, data, round) -> global.clone();
    private static final Attack.Context CONTEXT = new Attack.Context(ACCOUNT, null, null, 1, 2);
    private static final Set<Attack> MODEL_POISONERS = EnumSet.of(Attack.SIGN_FLIP, Attack.BOOST, Attack.LABEL_FLIP,
            Attack.NOISE, Attack.FREE_RIDE, Attack.COPY, Attack.COLLUDE);

    @Test
    void everyIdParsesBackToItsAttackIgnoringSurroundingSpace() {
        for (Attack attack : Attack.values()) {
            assertThat(Attack.parse(attack.id())).isEqualTo(attack);
            assertThat(Attack.parse(" " + attack.id() + "\t")).isEqualTo(attack);
        }
    }

    @Test
    void anUnknownIdIsRefusedListingEveryId() {
        assertThatIllegalArgumentException().isThrownBy(() -> Attack.parse("sign_flip"))
                .withMessage("unknown attack 'sign_flip': use one of sign-flip, boost, label-flip, noise, free-ride,"
                        + " copy, no-show, no-reveal, forge-vote, malformed, oversize, collude");
        assertThat(Attack.ids().split(", ")).containsExactly(Arrays.stream(Attack.values()).map(Attack::id)
                .toArray(String[]::new));
    }

    @Test
    void modelPoisonersTrainOtherwiseAndActHonestlyInTheProtocol() {
        for (Attack attack : MODEL_POISONERS) {
            assertThat(attack.poisonsModel()).as(attack.id()).isTrue();
            if (attack == Attack.COPY) {
                continue; // needs the chain's events, below
            }
            Attack.Behaviour b = attack.behaviour(HONEST, CONTEXT);
            assertThat(b.trainer()).as(attack.id()).isNotSameAs(HONEST);
            assertThat(b.conduct()).as(attack.id()).isSameAs(Conduct.HONEST);
        }
    }

    @Test
    void protocolCheatersTrainHonestlyAndCheatInOneStep() {
        for (Attack attack : EnumSet.complementOf(EnumSet.copyOf(MODEL_POISONERS))) {
            assertThat(attack.poisonsModel()).as(attack.id()).isFalse();
            Attack.Behaviour b = attack.behaviour(HONEST, CONTEXT);
            assertThat(b.trainer()).as(attack.id()).isSameAs(HONEST);
            assertThat(b.conduct()).as(attack.id()).isInstanceOf(switch (attack) {
                case NO_SHOW -> Absent.class;
                case NO_REVEAL -> Silent.class;
                case FORGE_VOTE -> ForgedVote.class;
                default -> BadFile.class;
            });
        }
        assertThat(Attack.MALFORMED.behaviour(HONEST, CONTEXT).conduct()).hasToString("MalformedFile");
        assertThat(Attack.OVERSIZE.behaviour(HONEST, CONTEXT).conduct()).hasToString("OversizeFile");
    }

    @Test
    void theCopierNeedsTheChainsEventsAndTheModelStore() {
        assertThatNullPointerException().isThrownBy(() -> Attack.COPY.behaviour(HONEST, CONTEXT))
                .withMessage("events == null");
    }

    @Test
    void aContextNeedsAnAccount() {
        assertThatNullPointerException().isThrownBy(() -> new Attack.Context(null, null, null, 1, 2))
                .withMessage("account == null");
    }

    @Test
    void onlyTheNoShowAndTheNoRevealLeaveOutAStepThatADeadlineSkipperMustNotWaitFor() {
        TaskPhase[] steps = {TaskPhase.COMMIT, TaskPhase.REVEAL, TaskPhase.VOTE};
        for (Attack attack : EnumSet.complementOf(EnumSet.of(Attack.NO_SHOW, Attack.NO_REVEAL))) {
            for (TaskPhase phase : steps) {
                assertThat(attack.takesStep(phase)).as(attack.id() + " in " + phase).isTrue();
            }
        }
        for (TaskPhase phase : steps) {
            assertThat(Attack.NO_SHOW.takesStep(phase)).as("no-show in " + phase).isFalse();
        }
        assertThat(Attack.NO_REVEAL.takesStep(TaskPhase.COMMIT)).isTrue();
        assertThat(Attack.NO_REVEAL.takesStep(TaskPhase.REVEAL)).isFalse();
        assertThat(Attack.NO_REVEAL.takesStep(TaskPhase.VOTE)).isFalse();
    }
}
