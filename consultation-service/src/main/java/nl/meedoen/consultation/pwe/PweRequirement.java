package nl.meedoen.consultation.pwe;

/**
 * A one-way dependency between two options: choosing {@code option} requires choosing {@code requires} too, while
 * {@code requires} may be chosen alone ("option 6 requires option 2"). Both ways at once is {@code requiredTogether}.
 */
public record PweRequirement(String option, String requires) {}
