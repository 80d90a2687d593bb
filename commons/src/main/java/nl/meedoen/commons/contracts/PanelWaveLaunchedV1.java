package nl.meedoen.commons.contracts;

import java.util.List;

/**
 * panel-service launched a wave: the sampled members are to be invited to {@code consultationId}.
 * Published on {@value #TOPIC} with key {@code panelId} and CloudEvents type {@value #TYPE};
 * consultation-service creates one invitation per tenantRef (a redelivery or a repeated tenantRef
 * invites nobody twice).
 *
 * @param panelId        the panel (also the record key)
 * @param waveId         the wave, unique within the panel
 * @param consultationId the consultation the wave asks (its audience must be this panel wave)
 * @param tenantRefs     the sampled members
 */
public record PanelWaveLaunchedV1(String panelId, String waveId, String consultationId, List<String> tenantRefs) {

    public static final String TOPIC = "panel.events.v1";
    public static final String TYPE = "nl.meedoen.panel.wave-launched.v1";
}
