package nl.meedoen.commons.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.meedoen.commons.problem.ProblemException;

/**
 * {@code ?limit=&after=}: the cursor is the opaque, URL-safe encoding of the last sort key of the
 * previous page, so pages stay stable while rows are added.
 */
public record PageRequest(int limit, String afterKey) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** @param limit the raw query value, parsed here so that "ten" is a 400 and not JAX-RS's 404 */
    public static PageRequest of(String limit, String after) {
        int size;
        try {
            size = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, after == null || after.isEmpty() ? null : decode(after));
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("after", "not a cursor returned by this API");
        }
    }

    /**
     * Cuts a query result fetched with {@code limit + 1} rows into a page.
     *
     * @param keyOf the sort key of an item, encoded as the next cursor
     */
    public <T> Page<T> page(java.util.List<T> fetched, java.util.function.Function<T, String> keyOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        java.util.List<T> items = fetched.subList(0, limit);
        return new Page<>(java.util.List.copyOf(items), encode(keyOf.apply(items.get(limit - 1))));
    }
}
