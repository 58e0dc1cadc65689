package org.mvdcn.weights;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickle of a {@code torch.save(state_dict)} with Pyrolite, refusing every class a
 * state dict does not need. Pyrolite never runs Python, but by default it turns any unknown
 * class into a dictionary; here an unknown global is an error, so a crafted file cannot smuggle
 * in objects this program would then misread. Only OrderedDict, the tensor rebuild functions and
 * the storage classes are accepted.
 */
final class StateDictUnpickler extends Unpickler {

    /** What a GLOBAL naming a storage class pushes: only ever read back from a persistent id. */
    private record StorageClass(TorchStorageType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException(type.className() + " cannot be instantiated here");
        }
    }

    /** Reads one pickle from {@code in}, leaving the stream just after its STOP opcode. */
    Object read(InputStream in) throws IOException {
        return load(in);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                // OrderedDict state: attributes of the dict such as _metadata (per-module
                // versions); the tensors do not depend on them.
                stack.pop();
                if (!(stack.peek() instanceof Map)) {
                    throw new PickleException("unexpected object state in a state dict");
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                throw new PickleException("pickle opcode 0x" + Integer.toHexString(key) + " is not used by state dicts; refused");
            default -> {
                return super.dispatch(key);
            }
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        // ('storage', storage class, key, location, elements[, legacy view (view key, offset, size)])
        if (!(pid instanceof Object[] tuple) || tuple.length < 5 || !"storage".equals(tuple[0])
                || !(tuple[1] instanceof StorageClass storageClass) || !(tuple[4] instanceof Number elements)) {
            throw new PickleException("unexpected persistent id in a state dict");
        }
        long viewOffset = 0;
        if (tuple.length > 5 && tuple[5] instanceof Object[] view) {
            viewOffset = ((Number) view[1]).longValue();
        }
        return new TorchTensorRef.StorageRef(String.valueOf(tuple[2]), storageClass.type(), elements.longValue(), viewOffset);
    }

    private static IObjectConstructor resolve(String module, String name) {
        String qualified = module + "." + name;
        switch (qualified) {
            case "collections.OrderedDict":
                return StateDictUnpickler::orderedDict;
            case "torch._utils._rebuild_tensor_v2":
            case "torch._utils._rebuild_tensor":
                return StateDictUnpickler::rebuildTensor;
            case "torch._utils._rebuild_parameter":
                return args -> args[0];
            default:
                break;
        }
        if ("torch".equals(module)) {
            TorchStorageType type = TorchStorageType.forName(name);
            if (type != null) {
                return new StorageClass(type);
            }
        }
        throw new PickleException("refusing to load " + qualified + ": not part of a PyTorch state dict");
    }

    private static Object orderedDict(Object[] args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object pair : pairs) {
                Object[] kv = (Object[]) pair;
                map.put(kv[0], kv[1]);
            }
        }
        return map;
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof TorchTensorRef.StorageRef storage)) {
            throw new PickleException("malformed tensor record");
        }
        return new TorchTensorRef(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = ((Number) items[i]).longValue();
        }
        return out;
    }
}
