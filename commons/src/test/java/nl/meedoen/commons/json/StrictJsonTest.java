package nl.meedoen.commons.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Body(String title, Integer seats, Boolean householdRule, List<String> values) {}

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper());

    @Test
    void valuesOfTheRightTypeBind() throws Exception {
        Body b = mapper.readValue(
                "{\"title\":\"Raad\",\"seats\":12,\"householdRule\":true,\"values\":[\"C-1\"]}", Body.class);
        assertEquals(new Body("Raad", 12, true, List.of("C-1")), b);
    }

    @Test
    void aNumberIsNotAString() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"title\":2.3e-167}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"title\":7}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"values\":[1]}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"title\":false}", Body.class));
    }

    @Test
    void aStringOrAFractionIsNotANumberAndANumberIsNotABoolean() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"seats\":\"12\"}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"seats\":2.5}", Body.class));
        assertThrows(
                MismatchedInputException.class, () -> mapper.readValue("{\"householdRule\":\"true\"}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"householdRule\":1}", Body.class));
    }
}
