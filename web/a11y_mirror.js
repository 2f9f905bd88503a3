// Browser side of src/app/a11y: keeps one invisible, accessible DOM element per widget drawn on
// the canvas, from the diffs the C++ mirror sends, and reports activation, typing and focus back.
//
// Diff lines (fields separated by \t, text escaped as \\ \t \n):
//   N id role parent x y w h flags level name value   create or update (x, y relative to parent)
//   D id                                            remove
//   O parent id,id,…                                 the order of a parent's children (DOM order)
mergeInto(LibraryManager.library, {
  salik_mirror_apply: function (ptr, len) {
    var M = window.SalikMirror;
    if (!M) {
      M = window.SalikMirror = { nodes: new Map(), root: document.getElementById('ui'), applied: 0 };
      var api = function (name, types, args) { Module.ccall(name, null, types, args); };
      var idOf = function (el) {
        while (el && el !== M.root) { if (el.dataset && el.dataset.sid) return +el.dataset.sid; el = el.parentNode; }
        return 0;
      };
      // Keyboard and assistive-technology activation arrives as a click with detail 0; a real
      // pointer click already reached the canvas widget through the forwarded pointer events.
      M.root.addEventListener('click', function (e) {
        if (e.target.tagName === 'A') e.preventDefault();
        var id = idOf(e.target);
        if (id && e.detail === 0) api('salik_a11y_activate', ['number'], [id]);
      });
      M.root.addEventListener('keydown', function (e) {
        var id = idOf(e.target);
        if (!id) return;
        var tag = e.target.tagName;
        if (e.key === 'Enter' && (tag === 'INPUT')) { e.preventDefault(); api('salik_a11y_submit', ['number'], [id]); }
        if ((e.key === ' ' || e.key === 'Enter') && tag === 'DIV') { e.preventDefault(); api('salik_a11y_activate', ['number'], [id]); }
      });
      var sendText = function (el) {
        var id = idOf(el);
        if (!id) return;
        var n = M.nodes.get(id);
        if (n) n.value = el.value;
        api('salik_a11y_input', ['number', 'string', 'number', 'number'],
            [id, el.value, el.selectionStart || 0, el.selectionEnd || 0]);
      };
      M.root.addEventListener('input', function (e) { sendText(e.target); });
      document.addEventListener('selectionchange', function () {
        var el = document.activeElement;
        if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && M.root.contains(el)) sendText(el);
      });
      // 2: focus a ring should show for (keyboard); 1: focus from a pointer (no ring, as browsers do).
      M.root.addEventListener('focusin', function (e) {
        var visible = e.target.matches && e.target.matches(':focus-visible');
        api('salik_a11y_focus', ['number', 'number'], [idOf(e.target), visible ? 2 : 1]);
      });
      M.root.addEventListener('focusout', function (e) { api('salik_a11y_focus', ['number', 'number'], [idOf(e.target), 0]); });
    }

    var FLAG = { checked: 1, disabled: 2, expanded: 4, selected: 8, multiline: 16, password: 32, email: 64,
                 numeric: 128, required: 256, invalid: 512, busy: 1024 };
    var unescape = function (s) {
      return s.indexOf('\\') < 0 ? s : s.replace(/\\(.)/g, function (_, c) { return c === 't' ? '\t' : c === 'n' ? '\n' : c; });
    };
    var make = function (role, flags, level) {
      var el;
      switch (role) {
        case 'button': el = document.createElement('button'); el.type = 'button'; break;
        case 'link': el = document.createElement('a'); el.href = '#'; break;
        case 'textbox':
          if (flags & FLAG.multiline) el = document.createElement('textarea');
          else {
            el = document.createElement('input');
            el.type = flags & FLAG.password ? 'password' : flags & FLAG.email ? 'email' : 'text';
            if (flags & FLAG.numeric) el.inputMode = 'decimal';
            el.autocomplete = flags & FLAG.password ? 'current-password' : flags & FLAG.email ? 'email' : 'off';
          }
          break;
        case 'heading': el = document.createElement('h' + Math.min(6, Math.max(1, level || 2))); break;
        case 'list': el = document.createElement('ul'); break;
        case 'navigation': el = document.createElement('nav'); break;
        case 'listitem': el = document.createElement('li'); break;
        case 'text': el = document.createElement('p'); break;
        case 'alert': el = document.createElement('p'); el.setAttribute('role', 'alert'); break;
        case 'dialog': el = document.createElement('div'); el.setAttribute('role', 'dialog'); el.setAttribute('aria-modal', 'true'); break;
        case 'checkbox': case 'radio': case 'option':
          el = document.createElement('div'); el.setAttribute('role', role); el.tabIndex = role === 'option' ? -1 : 0; break;
        case 'combobox':
          el = document.createElement('button'); el.type = 'button'; el.setAttribute('role', 'combobox');
          el.setAttribute('aria-haspopup', 'listbox'); break;
        default: el = document.createElement('div'); el.setAttribute('role', role); break;
      }
      return el;
    };
    var setAttr = function (el, name, on, value) {
      if (on) el.setAttribute(name, value === undefined ? 'true' : value); else el.removeAttribute(name);
    };
    var update = function (n, f) {
      var el = n.el, role = n.role, flags = +f[8];
      var s = el.style;
      if (n.x !== f[4]) s.left = (n.x = f[4]) + 'px';
      if (n.y !== f[5]) s.top = (+(n.y = f[5]) + (n.parent === 0 ? window.SalikPlatform.scrollBase : 0)) + 'px';
      if (n.w !== f[6]) s.width = (n.w = f[6]) + 'px';
      if (n.h !== f[7]) s.height = (n.h = f[7]) + 'px';
      var name = unescape(f[10]), value = unescape(f[11]);
      if (n.name !== name) {
        n.name = name;
        if (role === 'textbox' || role === 'combobox' || role === 'dialog' || role === 'list' || role === 'navigation' ||
            role === 'listitem' || role === 'radiogroup' || role === 'listbox' || role === 'group') el.setAttribute('aria-label', name);
        else el.textContent = name;
      }
      if (role === 'textbox') {
        // n.value follows what the DOM reported (sendText), so a difference here is the app's own
        // change (a composer cleared after sending): applied even while the field has focus.
        if (n.value !== value && el.value !== value) {
          el.value = value;
          if (document.activeElement === el) el.setSelectionRange(value.length, value.length);
        }
        n.value = value;
        if (n.placeholder !== f[12]) el.placeholder = n.placeholder = unescape(f[12] || '');
      } else if (role === 'combobox' && n.value !== value) {
        n.value = value; el.setAttribute('aria-valuetext', value); el.title = value;
      }
      if (n.flags !== flags) {
        n.flags = flags;
        if (role === 'checkbox' || role === 'radio') el.setAttribute('aria-checked', flags & FLAG.checked ? 'true' : 'false');
        if (role === 'option') el.setAttribute('aria-selected', flags & FLAG.selected ? 'true' : 'false');
        if (role === 'combobox') el.setAttribute('aria-expanded', flags & FLAG.expanded ? 'true' : 'false');
        if ('disabled' in el && role !== 'textbox') el.disabled = !!(flags & FLAG.disabled);
        else setAttr(el, 'aria-disabled', flags & FLAG.disabled);
        if (role === 'textbox') { el.readOnly = !!(flags & FLAG.disabled); el.required = !!(flags & FLAG.required); }
        setAttr(el, 'aria-invalid', flags & FLAG.invalid);
        setAttr(el, 'aria-busy', flags & FLAG.busy);
      }
    };

    var text = UTF8ToString(ptr, len);
    var lines = text.split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (!line) continue;
      var f = line.split('\t');
      var id = +f[1];
      if (f[0] === 'N') {
        var n = M.nodes.get(id);
        if (!n || n.role !== f[2] || n.flags !== undefined && ((n.flags ^ +f[8]) & (FLAG.multiline | FLAG.password | FLAG.email))) {
          if (n) n.el.remove();
          n = { role: f[2], el: make(f[2], +f[8], +f[9]), parent: -1 };
          n.el.dataset.sid = id;
          M.nodes.set(id, n);
        }
        if (n.parent !== +f[3]) { n.parent = +f[3]; n.y = undefined; }
        update(n, f);
      } else if (f[0] === 'D') {
        var d = M.nodes.get(id);
        if (d) { d.el.remove(); M.nodes.delete(id); }
      } else if (f[0] === 'O') {
        var parentNode = id === 0 ? M.root : (M.nodes.get(id) || {}).el;
        if (!parentNode) continue;
        var ids = f[2] ? f[2].split(',') : [];
        var before = parentNode.firstChild;
        while (before && !(before.dataset && before.dataset.sid)) before = before.nextSibling;
        for (var k = 0; k < ids.length; k++) {
          var c = M.nodes.get(+ids[k]);
          if (!c) continue;
          if (c.el !== before) parentNode.insertBefore(c.el, before);
          else before = before.nextSibling;
          before = c.el.nextSibling;
        }
      }
    }
    M.applied++;
  },

  salik_mirror_focus: function (id) {
    var M = window.SalikMirror;
    // The id arrives as a signed 32-bit number; the nodes are keyed by its unsigned value.
    var n = M && M.nodes.get(id >>> 0);
    if (n && document.activeElement !== n.el) n.el.focus({ preventScroll: true });
  },
  salik_mirror_blur: function () {
    var el = document.activeElement;
    if (el && el.blur && window.SalikMirror && window.SalikMirror.root.contains(el)) el.blur();
  },
});
