package dev.ism.function.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An authenticated user, as Kubernetes' {@code user.Info}. Every instance carries the group
 * {@value #AUTHENTICATED_GROUP} exactly once (kube-apiserver's {@code AuthenticatedGroupAdder}).
 *
 * @param name   user name, never empty
 * @param uid    user id, {@code ""} when unknown
 * @param groups groups in the order given, then {@value #AUTHENTICATED_GROUP} if not already there
 */
public record UserInfo(String name, String uid, List<String> groups) {

    public static final String AUTHENTICATED_GROUP = "system:authenticated";

    public UserInfo {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        uid = uid == null ? "" : uid;
        List<String> all = new ArrayList<>(groups == null ? List.of() : groups);
        if (!all.contains(AUTHENTICATED_GROUP)) {
            all.add(AUTHENTICATED_GROUP);
        }
        groups = List.copyOf(all);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
