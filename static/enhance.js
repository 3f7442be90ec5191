// Progressive enhancement for every page; everything works without this script.
//
// 1. A form that came back with errors: the error summary gets the focus, so that screen readers
//    read it out and keyboard users start from the list of what to fix.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();

// 2. In-place editing for the strategy workspace (/t/{slug}/edit). Progressive enhancement only:
// every link and form works without this script, which merely narrows the swap. A link marked
// `data-inline` loads its form into the item instead of opening a page; a form inside the
// workspace is submitted in the background and the workspace is redrawn where the user is.
// Validation errors and edit conflicts come back from the server as usual and are shown in place.
//
// One editor is open at a time: every form page uses the same ids ("text", "error-summary"), so
// a second editor would give the page each id twice, and labels and error links would point into
// the first. Opening another item, or saving or moving something else, closes the open editor,
// after asking if it holds changes that are not saved.
(function () {
  "use strict";

  var workspace = document.querySelector("[data-workspace]");
  if (!workspace || !window.fetch || !window.DOMParser) {
    return;
  }
  var status = document.getElementById("inline-status");
  // The open editor: { editor, slot, link, initial }; `loading` is the link whose form is on
  // its way (a later click wins over an earlier one still loading).
  var current = null;
  var loading = null;

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  function announce(text) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  // The item's row gives way to its editor. `hidden` alone does not hide it: the outline's rows
  // are flex boxes, and the stylesheet's display wins over the attribute's.
  function show(slot, visible) {
    slot.hidden = !visible;
    slot.style.display = visible ? "" : "none";
  }

  function values(editor) {
    var form = editor.querySelector("form");
    return form ? new URLSearchParams(new FormData(form)).toString() : "";
  }

  function dirty() {
    return current !== null && current.editor.isConnected && values(current.editor) !== current.initial;
  }

  // Closes the open editor, asking first if it holds unsaved changes; false if the user keeps it.
  function closeCurrent() {
    if (current === null) {
      return true;
    }
    if (dirty() && !window.confirm(status ? status.getAttribute("data-discard") : "")) {
      var field = current.editor.querySelector("input:not([type=hidden]), textarea, select");
      if (field) {
        field.focus();
      }
      return false;
    }
    current.editor.remove();
    show(current.slot, true);
    current = null;
    return true;
  }

  // The page's one <h1> stays the page's: the form page's own heading becomes a heading one
  // level below the item it is opened in (the focus areas are <h2> in the outline).
  function demote(box, level) {
    Array.prototype.forEach.call(box.querySelectorAll("h1"), function (h1) {
      var heading = document.createElement("h" + level);
      Array.prototype.forEach.call(h1.attributes, function (attr) {
        heading.setAttribute(attr.name, attr.value);
      });
      while (h1.firstChild) {
        heading.appendChild(h1.firstChild);
      }
      h1.replaceWith(heading);
    });
  }

  // The form page's content without its breadcrumbs: header, errors, form (or the conflict view).
  function formContent(doc, level) {
    var main = doc.querySelector("main");
    var box = document.createElement("div");
    box.className = "inline-editor";
    if (!main) {
      return box;
    }
    Array.prototype.forEach.call(main.children, function (child) {
      if (!child.matches("nav.breadcrumbs")) {
        box.appendChild(document.importNode(child, true));
      }
    });
    demote(box, level);
    return box;
  }

  function level(slot) {
    return slot.querySelector("h2") ? 2 : 3;
  }

  // Cancel closes the editor and gives the focus back to the link that opened it.
  function wire(editor) {
    var cancel = editor.querySelector(".actions a");
    if (cancel) {
      cancel.addEventListener("click", function (event) {
        event.preventDefault();
        var open = current;
        if (open && open.editor === editor) {
          editor.remove();
          show(open.slot, true);
          current = null;
          open.link.focus();
        }
      });
    }
  }

  // Replaces the workspace with the one the server sent and puts the user back at `anchor`.
  function redraw(doc, anchor) {
    var fresh = doc.querySelector("[data-workspace]");
    if (!fresh) {
      return null;
    }
    workspace.replaceWith(document.importNode(fresh, true));
    workspace = document.querySelector("[data-workspace]");
    current = null;
    var target = anchor && document.getElementById(anchor);
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
    return target || workspace;
  }

  function open(link) {
    var slot = link.closest(".outline__row, .outline__add");
    if (!slot) {
      return false;
    }
    if (current !== null && current.link === link) {
      return true;
    }
    if (!closeCurrent()) {
      return true;
    }
    loading = link;
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (loading !== link || !link.isConnected) {
          return;
        }
        loading = null;
        var editor = formContent(parse(html), level(slot));
        show(slot, false);
        slot.insertAdjacentElement("afterend", editor);
        current = { editor: editor, slot: slot, link: link, initial: values(editor) };
        wire(editor);
        var first = editor.querySelector("input:not([type=hidden]), textarea, select");
        if (first) {
          first.focus();
        }
      })
      .catch(function () { window.location.href = link.href; });
    return true;
  }

  function submit(form) {
    var body = new URLSearchParams(new FormData(form));
    // A move says what moved and where to ("Målet «…» er flyttet op, nu nr. 2 af 5."); the
    // redrawn item carries the sentence for its new place (src/authoring/workspace.rs).
    var direction = /\/move$/.test(new URL(form.action).pathname) && form.elements.direction
      ? form.elements.direction.value
      : null;
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body
    })
      .then(function (response) {
        return response.text().then(function (html) {
          return { response: response, doc: parse(html) };
        });
      })
      .then(function (result) {
        var url = new URL(result.response.url);
        var back = result.response.redirected && url.pathname === window.location.pathname;
        var target = back && redraw(result.doc, url.searchParams.get("at"));
        if (target) {
          var moved = direction && target.getAttribute("data-moved-" + direction);
          announce(moved || (status ? status.getAttribute("data-saved") : ""));
          return;
        }
        // Errors in the form, or someone else saved first: show the server's answer in place.
        var editor = form.closest(".inline-editor");
        if (editor && result.response.status >= 400 && result.response.status < 500) {
          var heading = editor.querySelector("h2, h3");
          var fresh = formContent(result.doc, heading ? Number(heading.tagName.charAt(1)) : 3);
          editor.replaceWith(fresh);
          if (current !== null && current.editor === editor) {
            current.editor = fresh;
          }
          wire(fresh);
          // The error summary first (it lists what to fix); a conflict view has none.
          var summary = fresh.querySelector("#error-summary") ||
            fresh.querySelector(".error-summary") ||
            fresh.querySelector("h2, h3");
          if (summary) {
            summary.setAttribute("tabindex", "-1");
            summary.focus();
          }
          return;
        }
        window.location.href = result.response.url;
      })
      .catch(function () { form.submit(); });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-inline]");
    if (link && workspace.contains(link) && open(link)) {
      event.preventDefault();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() === "post" && workspace.contains(form)) {
      event.preventDefault();
      // Saving or moving anything else redraws the workspace, which would drop the open editor.
      var inside = current !== null && current.editor.contains(form);
      if (!inside && !closeCurrent()) {
        return;
      }
      submit(form);
    }
  });
})();

// 3. The running count under a long text ("123 af 500 tegn"): the server renders the limit
// ("Højst 500 tegn.") and refuses a longer text with the limit named; this only shows, while
// typing, how far there is to go. The count is announced politely, once the typing pauses.
(function () {
  "use strict";
  var timers = {};
  function update(field, counter, now) {
    var count = Array.from(field.value).length;
    var max = parseInt(counter.getAttribute("data-max"), 10);
    var template = counter.getAttribute(count > max ? "data-over" : "data-template");
    var text = template.replace("{count}", String(count));
    var id = counter.id;
    window.clearTimeout(timers[id]);
    counter.classList.toggle("field__count--over", count > max);
    if (now) {
      counter.textContent = text;
    } else {
      timers[id] = window.setTimeout(function () { counter.textContent = text; }, 400);
    }
  }
  function counterOf(field) {
    return field.id ? document.querySelector('[data-count-for="' + field.id + '"]') : null;
  }
  // Delegated, so that forms loaded in place in the workspace count too.
  document.addEventListener("input", function (event) {
    var counter = counterOf(event.target);
    if (counter) {
      update(event.target, counter, false);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-count-for]"), function (counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    if (field) {
      update(field, counter, true);
    }
  });
})();
