package uk.nip.portal.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values read once per page render. EL calls a getter each time the page mentions it (rendered
 * tests, values, every row of a table), and here each call is a database query. Nothing changes
 * while the response renders, so the first answer serves the rest of that render; in any other
 * phase the value is read afresh, so an action always sees its own change.
 */
final class RenderCache implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient FacesContext render;
    private transient Map<String, Object> values;

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> read) {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context == null || context.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
            return read.get();
        }
        if (render != context) {
            render = context;
            values = new HashMap<>();
        }
        if (!values.containsKey(key)) {
            values.put(key, read.get());
        }
        return (T) values.get(key);
    }
}
