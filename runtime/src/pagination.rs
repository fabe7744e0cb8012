//! Paging through lists: every page, or every item, as a stream.
//!
//! The generated request builder of a paginated operation implements [`Paginated`]; its
//! `pages()` and `items()` return the streams here. A listing asks for each page once, in
//! order, and stops when the items seen reach the total the server reports, at an empty
//! page, or (without a total) at a page shorter than the page size. A server that answers a
//! page with the same items as the one before, ignoring the page number, ends the listing
//! with an error instead of a loop.

use std::collections::VecDeque;
use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::{Error, Response};
use crate::{Operation, ResponseFuture};

/// An operation that is called page by page. The generated request builders of paginated
/// operations implement it; it is not meant to be implemented elsewhere.
pub trait Paginated: Clone + Send + Unpin + 'static {
    /// The body of one answer.
    type Page: Send + 'static;
    /// One item of the list.
    type Item: Clone + PartialEq + Send + Unpin + 'static;

    /// The operation, for errors.
    fn operation() -> &'static Operation;
    /// The number the API gives its first page.
    fn first_page() -> u64;
    /// The page to start from: the one set on the request, else the API's first page.
    fn start_page(&self) -> u64;
    /// Sets the page number of the request.
    fn set_page(&mut self, page: u64);
    /// The page size set on the request, if any.
    fn page_size(&self) -> Option<u64>;
    /// Sends the request; the page with its answer's status and headers.
    fn fetch(self) -> ResponseFuture<Self::Page>;
    /// The items of a page.
    fn items(page: &Self::Page) -> &[Self::Item];
    /// The items of a page, by value.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;
    /// The total number of items the page reports, if it does.
    fn total(page: &Self::Page) -> Option<u64>;
}

/// A count as the API sends it (often a JSON `number`), as a `u64`.
pub trait AsCount {
    /// The value as a count, if it is a whole number of at least zero.
    fn as_count(&self) -> Option<u64>;
}

macro_rules! as_count_float {
    ($($float:ty),*) => {$(
        impl AsCount for $float {
            fn as_count(&self) -> Option<u64> {
                (self.is_finite() && *self >= 0.0).then(|| *self as u64)
            }
        }
    )*};
}
macro_rules! as_count_integer {
    ($($integer:ty),*) => {$(
        impl AsCount for $integer {
            fn as_count(&self) -> Option<u64> {
                u64::try_from(*self).ok()
            }
        }
    )*};
}
as_count_float!(f32, f64);
as_count_integer!(i32, i64, u32, u64);

/// For generated code: `count(&page.paging.total_count)`.
pub fn count<T: AsCount>(value: &T) -> Option<u64> {
    value.as_count()
}

/// Every page of a listing, in order. A [`Stream`], and also readable with
/// [`next`](Self::next) without any stream library.
#[must_use = "a listing does nothing until it is read"]
pub struct Pages<P: Paginated> {
    request: P,
    /// The page to hand out next.
    next_page: u64,
    /// The page to ask for next; ahead of `next_page` when prefetching.
    next_request: u64,
    seen: u64,
    previous: Option<Vec<P::Item>>,
    /// Pages asked for and not handed out yet, in page order.
    in_flight: VecDeque<Fetch<P::Page>>,
    /// How many pages past the current one may be fetched at once.
    prefetch: usize,
    /// The last page there is, once the total says so.
    last_page: Option<u64>,
    done: bool,
}

// Nothing in a listing is pinned in place: its futures are boxed, and pages are moved out.
impl<P: Paginated> Unpin for Pages<P> {}

/// A page being fetched, or fetched and waiting for its turn.
enum Fetch<T> {
    /// Boxed, so that a listing stays `Unpin` however many pages it fetches ahead.
    Pending(Pin<Box<ResponseFuture<T>>>),
    Ready(Result<Response<T>, Error>),
}

impl<P: Paginated> Pages<P> {
    /// A listing that starts at the request's page (or the first page).
    pub fn new(request: P) -> Self {
        let next_page = request.start_page();
        // Starting past the first page, the pages skipped hold items the total counts too.
        let skipped = next_page.saturating_sub(P::first_page()).saturating_mul(request.page_size().unwrap_or(0));
        Pages {
            request,
            next_page,
            next_request: next_page,
            seen: skipped,
            previous: None,
            in_flight: VecDeque::new(),
            prefetch: 0,
            last_page: None,
            done: false,
        }
    }

    /// Fetches up to `pages` later pages at the same time, once the first page has told the
    /// total and the request sets a page size; pages still come out in order. Without it
    /// (the default) each page is asked for when the one before has been read, which is the
    /// gentler load on the API.
    pub fn prefetch(mut self, pages: usize) -> Self {
        self.prefetch = pages;
        self
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<P::Page, Error>> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context)).await
    }

    /// The next page with its answer's status, headers and request id, or `None` after the
    /// last one (or after an error).
    pub async fn next_with_response(&mut self) -> Option<Result<Response<P::Page>, Error>> {
        poll_fn(|context| self.poll_next_response(context)).await
    }

    /// The number of the page the listing hands out next.
    pub fn next_page(&self) -> u64 {
        self.next_page
    }

    fn fetch(&mut self) {
        let mut request = self.request.clone();
        request.set_page(self.next_request);
        self.next_request += 1;
        self.in_flight.push_back(Fetch::Pending(Box::pin(request.fetch())));
    }

    fn accept(&mut self, page: Response<P::Page>) -> Option<Result<Response<P::Page>, Error>> {
        let items = P::items(page.body());
        if items.is_empty() {
            self.done = true;
            return None;
        }
        if self.previous.as_deref() == Some(items) {
            self.done = true;
            let message = format!(
                "page {} has the same items as page {}: the server ignores the page number, so the listing stopped instead of looping",
                self.next_page,
                self.next_page - 1
            );
            return Some(Err(Error::pagination(P::operation(), self.next_page, message)));
        }
        let count = items.len() as u64;
        let total = P::total(page.body());
        let size = self.request.page_size();
        let complete = match total {
            Some(total) => self.seen + count >= total,
            None => size.is_some_and(|size| count < size),
        };
        if let (Some(total), Some(size)) = (total, size.filter(|size| *size > 0)) {
            self.last_page = Some(P::first_page() + total.div_ceil(size).max(1) - 1);
        }
        self.previous = if complete { None } else { Some(items.to_vec()) };
        self.seen += count;
        self.next_page += 1;
        if complete {
            self.finish();
        }
        Some(Ok(page))
    }

    /// Ends the listing; pages fetched ahead are dropped unread.
    fn finish(&mut self) {
        self.done = true;
        self.in_flight.clear();
    }
}

impl<P: Paginated> Stream for Pages<P> {
    type Item = Result<P::Page, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_response(context).map(|page| page.map(|page| page.map(Response::into_body)))
    }
}

impl<P: Paginated> Pages<P> {
    fn poll_next_response(&mut self, context: &mut Context<'_>) -> Poll<Option<Result<Response<P::Page>, Error>>> {
        if self.done {
            return Poll::Ready(None);
        }
        if self.in_flight.is_empty() {
            self.fetch();
        }
        // Past the first page, and with a known last page, keep `prefetch` pages coming.
        while self.prefetch > 0
            && self.in_flight.len() <= self.prefetch
            && self.last_page.is_some_and(|last| self.next_request <= last)
        {
            self.fetch();
        }
        for fetch in self.in_flight.iter_mut() {
            if let Fetch::Pending(future) = fetch
                && let Poll::Ready(answer) = future.as_mut().poll(context)
            {
                *fetch = Fetch::Ready(answer);
            }
        }
        match self.in_flight.front() {
            Some(Fetch::Ready(_)) => {}
            _ => return Poll::Pending,
        }
        let Some(Fetch::Ready(answer)) = self.in_flight.pop_front() else { return Poll::Pending };
        Poll::Ready(match answer {
            Ok(page) => self.accept(page),
            Err(error) => {
                self.finish();
                Some(Err(error))
            }
        })
    }
}

impl<P: Paginated> fmt::Debug for Pages<P> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Pages")
            .field("operation", &P::operation().id)
            .field("next_page", &self.next_page)
            .field("seen", &self.seen)
            .field("in_flight", &self.in_flight.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// Every item of every page of a listing, in order. A [`Stream`], and also readable with
/// [`next`](Self::next) or [`collect_all`](Self::collect_all).
#[must_use = "a listing does nothing until it is read"]
pub struct Items<P: Paginated> {
    pages: Pages<P>,
    buffer: VecDeque<P::Item>,
}

impl<P: Paginated> Items<P> {
    /// A listing that starts at the request's page (or the first page).
    pub fn new(request: P) -> Self {
        Items { pages: Pages::new(request), buffer: VecDeque::new() }
    }

    /// The next item, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<P::Item, Error>> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context)).await
    }

    /// See [`Pages::prefetch`].
    pub fn prefetch(mut self, pages: usize) -> Self {
        self.pages = self.pages.prefetch(pages);
        self
    }

    /// Every item, or the first error.
    pub async fn collect_all(mut self) -> Result<Vec<P::Item>, Error> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<P: Paginated> Stream for Items<P> {
    type Item = Result<P::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(context) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(P::into_items(page)),
            }
        }
    }
}

impl<P: Paginated> fmt::Debug for Items<P> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}
