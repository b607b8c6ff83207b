package dev.ism.function.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserInfoTest {

    @Test
    void addsAuthenticatedGroupLast() {
        UserInfo user = new UserInfo("alice", "u1", List.of("a", "b"));
        assertEquals(List.of("a", "b", "system:authenticated"), user.groups());
    }

    @Test
    void addsAuthenticatedGroupOnlyOnce() {
        UserInfo user = new UserInfo("alice", "u1", List.of("system:authenticated", "a"));
        assertEquals(List.of("system:authenticated", "a"), user.groups());
    }

    @Test
    void nullGroupsAndUid() {
        UserInfo user = new UserInfo("alice", null, null);
        assertEquals("", user.uid());
        assertEquals(List.of("system:authenticated"), user.groups());
        assertTrue(user.inGroup("system:authenticated"));
    }

    @Test
    void groupsAreACopyAndImmutable() {
        List<String> groups = new ArrayList<>(List.of("a"));
        UserInfo user = new UserInfo("alice", "", groups);
        groups.add("b");
        assertEquals(List.of("a", "system:authenticated"), user.groups());
        assertThrows(UnsupportedOperationException.class, () -> user.groups().add("c"));
    }

    @Test
    void nameRequired() {
        assertThrows(IllegalArgumentException.class, () -> new UserInfo("", "", List.of()));
        assertThrows(NullPointerException.class, () -> new UserInfo(null, "", List.of()));
    }
}
