package nl.meedoen.consultation.export;

import java.time.LocalDate;
import java.util.Map;

/** One stored response as the exports read it. {@code id} is random: it names no one. */
public record ResponseRow(String id, LocalDate submittedOn, Map<String, Object> answers) {}
