// The review page shows the chosen application beside the form: choosing another one
// opens the page for that one (without JavaScript, the choice counts when saving).
document.addEventListener("DOMContentLoaded", () => {
  const keuze = document.getElementById("id_aanmelding");
  if (!keuze) return;
  keuze.addEventListener("change", () => {
    if (keuze.value) window.location.search = "?aanmelding=" + encodeURIComponent(keuze.value);
  });
});
