package org.mvdcn.weights;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.razorvine.pickle.PickleException;
import org.junit.jupiter.api.Test;

class StateDictUnpicklerTest {

    @Test
    void refusesClassesAStateDictDoesNotNeed() {
        // protocol 2: GLOBAL os.system, then a call with one argument
        byte[] pickle = "\u0080\u0002cos\nsystem\nq\u0000X\u0002\u0000\u0000\u0000ls\u0085R.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new StateDictUnpickler().read(new ByteArrayInputStream(pickle)))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("refusing to load os.system");
    }

    @Test
    void refusesBuiltinsThatPyroliteWouldOtherwiseTurnIntoDictionaries() {
        byte[] pickle = "\u0080\u0002cbuiltins\neval\nq\u0000.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new StateDictUnpickler().read(new ByteArrayInputStream(pickle)))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("refusing to load builtins.eval");
    }
}
