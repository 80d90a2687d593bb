package nl.meedoen.consultation.questionnaire;

import java.util.Map;

/** A choice of a choice or ranking question: the stored value and its text per language. */
public record Option(String value, Map<String, String> text) {}
