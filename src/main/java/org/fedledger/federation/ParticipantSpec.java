package org.fedledger.federation;

import java.util.Objects;
import org.fedledger.data.Dataset;
import org.fedledger.participant.Conduct;
import org.fedledger.participant.ParticipantListener;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.Trainer;

/**
 * What makes one participant of a local federation itself: its data, how it trains and acts
 * (honest, or an attack's {@link Conduct}), its settings and who hears of its steps; and the
 * failure, if any, its run may stop with without failing the others ({@code mayStopWith}, null:
 * none), such as an attacker whose stake was slashed away.
 */
public record ParticipantSpec(Dataset data, Trainer trainer, Conduct conduct, ParticipantSettings settings,
                              ParticipantListener listener, Class<? extends Throwable> mayStopWith) {
    public ParticipantSpec {
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(trainer, "trainer == null");
        Objects.requireNonNull(conduct, "conduct == null");
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(listener, "listener == null");
    }

    /** An honest participant, whose run must not fail. */
    public ParticipantSpec(Dataset data, Trainer trainer, ParticipantSettings settings, ParticipantListener listener) {
        this(data, trainer, Conduct.HONEST, settings, listener, null);
    }

    /** This participant, whose run may stop with a failure of kind {@code value} (null: none). */
    public ParticipantSpec mayStopWith(Class<? extends Throwable> value) {
        return new ParticipantSpec(data, trainer, conduct, settings, listener, value);
    }
}
