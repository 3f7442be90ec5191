// The header's "Mere" and phone "Menu" are <details> and work without this file. With it they
// also close as menus do: on Escape (focus returns to the button) and on a click elsewhere.
(function () {
  'use strict';
  function openMenus() {
    return document.querySelectorAll('.site-nav details[open]');
  }
  document.addEventListener('click', function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute('open');
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    openMenus().forEach(function (menu) {
      var hadFocus = menu.contains(document.activeElement);
      menu.removeAttribute('open');
      if (hadFocus) menu.querySelector('summary').focus();
    });
  });
})();
