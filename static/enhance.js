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
(function () {
  "use strict";

  var workspace = document.querySelector("[data-workspace]");
  if (!workspace || !window.fetch || !window.DOMParser) {
    return;
  }
  var status = document.getElementById("inline-status");

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  function announce(text) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  // The form page's content without its breadcrumbs: header, errors, form (or the conflict view).
  function formContent(doc) {
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
    return box;
  }

  // Replaces the workspace with the one the server sent and puts the user back at `anchor`.
  function redraw(doc, anchor) {
    var fresh = doc.querySelector("[data-workspace]");
    if (!fresh) {
      return false;
    }
    workspace.replaceWith(document.importNode(fresh, true));
    workspace = document.querySelector("[data-workspace]");
    var target = anchor && document.getElementById(anchor);
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
    return true;
  }

  function open(link) {
    var slot = link.closest(".outline__row, .outline__add");
    if (!slot) {
      return false;
    }
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var editor = formContent(parse(html));
        var cancel = editor.querySelector(".actions a");
        slot.hidden = true;
        slot.insertAdjacentElement("afterend", editor);
        if (cancel) {
          cancel.addEventListener("click", function (event) {
            event.preventDefault();
            editor.remove();
            slot.hidden = false;
            link.focus();
          });
        }
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
        if (back && redraw(result.doc, url.searchParams.get("at"))) {
          announce(status ? status.getAttribute("data-saved") : "");
          return;
        }
        // Errors in the form, or someone else saved first: show the server's answer in place.
        var editor = form.closest(".inline-editor");
        if (editor && result.response.status >= 400 && result.response.status < 500) {
          var fresh = formContent(result.doc);
          editor.replaceWith(fresh);
          var summary = fresh.querySelector(".error-summary, h1");
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
