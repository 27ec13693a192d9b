// A character counter for a text area with a maxlength and data-teller="<id>": the element
// with that id shows how many characters are left as one types; a screen reader hears it
// from the element "<id>-melding" once typing pauses, not at every key. Without this file
// the field's help text gives the limit, and the server enforces it.
(function () {
  "use strict";

  function tekst(over, max) {
    var getal = over.toLocaleString("nl-NL");
    if (over < 0) {
      return "U hebt " + (-over).toLocaleString("nl-NL") + " tekens te veel (hoogstens " + max.toLocaleString("nl-NL") + ").";
    }
    return "Nog " + getal + (over === 1 ? " teken" : " tekens") + " over van de " + max.toLocaleString("nl-NL") + ".";
  }

  document.querySelectorAll("textarea[data-teller][maxlength]").forEach(function (veld) {
    var teller = document.getElementById(veld.getAttribute("data-teller"));
    if (!teller || teller.getAttribute("data-actief")) {
      return;
    }
    teller.setAttribute("data-actief", "ja");
    var melding = document.getElementById(veld.getAttribute("data-teller") + "-melding");
    var max = parseInt(veld.getAttribute("maxlength"), 10);
    var wacht = null;

    function werkBij() {
      // The browser counts a line break as one character, as the server does.
      var over = max - veld.value.length;
      teller.textContent = tekst(over, max);
      teller.classList.toggle("text-danger", over < 0);
      if (melding) {
        window.clearTimeout(wacht);
        wacht = window.setTimeout(function () {
          melding.textContent = tekst(over, max);
        }, 1000);
      }
    }

    teller.hidden = false;
    teller.textContent = tekst(max - veld.value.length, max);
    veld.addEventListener("input", werkBij);
  });
})();
